using Microsoft.Extensions.Configuration;

namespace PicADaily.AppHost;

/// <summary>
/// What the embedded default can be told (command line or environment):
/// <c>PICADAILY_DATA</c> (state folder, default <c>.data/</c> at the repository root),
/// <c>CollageSchedule</c> (cron, default every minute, from infra/topology.json),
/// <c>RetryMinimumBackoff</c> / <c>RetryMaximumBackoff</c> (e.g. "1s", to retry faster locally),
/// <c>FolderSettleInterval</c> (how long a dropped file must stay unchanged before it is announced),
/// <c>FolderIncompleteGrace</c> (how long a dropped picture that does not look whole waits before it is announced anyway),
/// <c>DecodeConcurrency</c> (decodes at once per image service, default one per core) and
/// <c>MaxConcurrentEvents</c> (events in progress per service before it answers 429, default two per core).
/// </summary>
internal sealed record EmbeddedSettings(
    string DataPath,
    string TopologyPath,
    IReadOnlyDictionary<string, string> LocalCloudOverrides,
    IReadOnlyDictionary<string, string> ServiceOverrides)
{
    public const string ProjectId = "picadaily-local";

    public static EmbeddedSettings From(IConfiguration configuration)
    {
        var root = RepositoryRoot();
        var data = configuration["PICADAILY_DATA"] is { Length: > 0 } configured ? Path.GetFullPath(configured) : Path.Combine(root, ".data");
        Directory.CreateDirectory(data);

        var overrides = new Dictionary<string, string>();
        Forward(configuration, "CollageSchedule", "LocalCloud__Schedules__collage-refresh", overrides);
        Forward(configuration, "RetryMinimumBackoff", "LocalCloud__PubSub__RetryMinimumBackoffOverride", overrides);
        Forward(configuration, "RetryMaximumBackoff", "LocalCloud__PubSub__RetryMaximumBackoffOverride", overrides);
        Forward(configuration, "FolderSettleInterval", "LocalCloud__Storage__SettleInterval", overrides);
        Forward(configuration, "FolderIncompleteGrace", "LocalCloud__Storage__IncompleteGrace", overrides);

        // Every service reads both; only the image services decode, the others ignore the first.
        var serviceOverrides = new Dictionary<string, string>();
        Forward(configuration, "DecodeConcurrency", "Images__DecodeConcurrency", serviceOverrides);
        Forward(configuration, "MaxConcurrentEvents", "Events__MaxConcurrent", serviceOverrides);
        return new EmbeddedSettings(data, Path.Combine(root, "infra", "topology.json"), overrides, serviceOverrides);
    }

    private static void Forward(IConfiguration configuration, string key, string variable, Dictionary<string, string> overrides)
    {
        if (configuration[key] is { Length: > 0 } value)
        {
            overrides[variable] = value;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PicADaily.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the app host from a checkout of Pic-a-Daily (PicADaily.sln not found above " + AppContext.BaseDirectory + ").");
    }
}
