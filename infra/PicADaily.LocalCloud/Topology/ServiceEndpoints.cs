namespace PicADaily.LocalCloud.Topology;

/// <summary>
/// Where a named service listens: <c>LocalCloud:Endpoints:{name}</c>, else Aspire service
/// discovery's <c>services:{name}:http:0</c> (env <c>services__{name}__http__0</c>), then <c>https:0</c>.
/// </summary>
public static class ServiceEndpoints
{
    public static Uri? Resolve(IConfiguration configuration, string service)
    {
        var value = configuration[$"LocalCloud:Endpoints:{service}"];
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration[$"services:{service}:http:0"];
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration[$"services:{service}:https:0"];
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
    }

    /// <summary>Base + path, keeping any path prefix of the base.</summary>
    public static string Combine(Uri baseUri, string path) => baseUri.ToString().TrimEnd('/') + "/" + path.TrimStart('/');
}
