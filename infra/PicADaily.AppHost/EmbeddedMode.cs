namespace PicADaily.AppHost;

/// <summary>
/// The default: LocalCloud stands in for all of Google Cloud on one port, applies the topology
/// itself and pushes events to the services.
/// </summary>
internal static class EmbeddedMode
{
    public static void AddEmbeddedMode(this IDistributedApplicationBuilder builder, EmbeddedSettings settings)
    {
        var localCloud = builder.AddLocalCloud(settings);
        foreach (var service in builder.AddPicADailyServices(CloudEndpoints.AllLocalCloud(localCloud.GetEndpoint("http")), settings))
        {
            service.WaitFor(localCloud);
            // LocalCloud resolves each subscription's push endpoint from services__{name}__http__0.
            localCloud.WithReference(service);
        }
    }
}
