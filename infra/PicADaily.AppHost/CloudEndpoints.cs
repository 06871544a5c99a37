namespace PicADaily.AppHost;

/// <summary>
/// The values of the standard endpoint variables every service honours; only these differ between
/// the embedded default and the emulators mode.
/// </summary>
internal sealed record CloudEndpoints(ReferenceExpression Storage, ReferenceExpression PubSub, ReferenceExpression Firestore, ReferenceExpression Vision)
{
    /// <summary>The value of <c>STORAGE_EMULATOR_HOST</c>: the .NET Storage client needs the JSON API path in it.</summary>
    public static ReferenceExpression StorageOf(EndpointReference endpoint) => ReferenceExpression.Create($"{endpoint}/storage/v1/");

    /// <summary>The <c>host:port</c> shape of <c>PUBSUB_EMULATOR_HOST</c> and its siblings.</summary>
    public static ReferenceExpression HostAndPortOf(EndpointReference endpoint) => ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.HostAndPort)}");

    /// <summary>LocalCloud for everything: the embedded default.</summary>
    public static CloudEndpoints AllLocalCloud(EndpointReference localCloud) =>
        new(StorageOf(localCloud), HostAndPortOf(localCloud), HostAndPortOf(localCloud), HostAndPortOf(localCloud));
}
