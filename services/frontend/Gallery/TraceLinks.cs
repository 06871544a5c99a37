using PicADaily.GoogleCloud;

namespace PicADaily.Frontend.Gallery;

/// <summary>
/// Where a picture's trace can be seen: the Aspire dashboard locally (<c>Traces:DashboardUrl</c>, set by
/// the app host), Cloud Trace on Google Cloud (no emulator configured and a project id), nowhere
/// otherwise (the page then shows the trace id alone, to search for in whatever receives the traces).
/// </summary>
public sealed class TraceLinks
{
    public const string DashboardUrlKey = "Traces:DashboardUrl";

    private readonly Func<string, Uri>? link;

    public TraceLinks(IConfiguration configuration)
    {
        var google = GoogleCloudOptions.FromConfiguration(configuration);
        if (configuration[DashboardUrlKey] is { Length: > 0 } dashboard && Uri.TryCreate(dashboard.TrimEnd('/') + "/", UriKind.Absolute, out var dashboardUri))
        {
            link = traceId => new Uri(dashboardUri, $"traces/detail/{traceId}");
        }
        else if (google is { ProjectId: { } project, StorageEmulatorHost: null, FirestoreEmulatorHost: null, PubSubEmulatorHost: null })
        {
            link = traceId => new Uri($"https://console.cloud.google.com/traces/list?tid={traceId}&project={Uri.EscapeDataString(project)}");
        }
    }

    /// <summary>Where the trace is shown, or null when no trace viewer is known.</summary>
    public Uri? For(string traceId) => link?.Invoke(traceId);
}
