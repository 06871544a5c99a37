using Google.Cloud.Storage.V1;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.Contracts.Topology;
using PicADaily.GoogleCloud;
using PicADaily.GoogleCloud.PubSub;
using PicADaily.Provisioner;

namespace PicADaily.Testing;

/// <summary>
/// Applies a topology to a LocalCloud under test with the provisioner's own code, in-process, the
/// way the app host's provisioner resource does before the services start: LocalCloud applies
/// nothing itself but its schedules.
/// </summary>
public static class LocalCloudTopology
{
    /// <summary>The repository's <c>infra/topology.json</c>.</summary>
    public static string RepositoryTopologyPath => RepositoryFile("infra", "topology.json");

    /// <summary>
    /// Applies <paramref name="topologyPath"/> (default: the repository's) to the LocalCloud at
    /// <paramref name="localCloud"/>, with push subscriptions for the services in
    /// <paramref name="endpoints"/> only: a test runs some services, and a subscription of one it does
    /// not run would only retry and dead-letter into the others.
    /// </summary>
    public static async Task<ProvisioningReport> ApplyAsync(
        Uri localCloud,
        IReadOnlyDictionary<string, Uri> endpoints,
        string? topologyPath = null,
        Func<ProvisioningSettings, ProvisioningSettings>? adjust = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(localCloud);
        var declared = TopologyLoader.Load(topologyPath ?? RepositoryTopologyPath);
        var topology = declared with { Subscriptions = declared.Subscriptions.Where(s => endpoints.ContainsKey(s.Service)).ToList() };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [GoogleCloudOptions.ProjectKey] = topology.ProjectId,
            [GoogleCloudOptions.PubSubEmulatorKey] = localCloud.Authority,
            [GoogleCloudOptions.StorageEmulatorKey] = localCloud.GetLeftPart(UriPartial.Authority) + "/storage/v1/",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddGoogleCloudClients(configuration).BuildServiceProvider();
        // As the provisioner's command line sets them against an emulator (its Program.cs).
        var settings = new ProvisioningSettings { Endpoints = endpoints, ShortNotificationTopics = true, NeverExpire = false };
        var provisioner = new TopologyProvisioner(services.GetRequiredService<IPubSubAdmin>(), services.GetRequiredService<StorageClient>());
        var report = await provisioner.ApplyAsync(topology, topology.ProjectId, adjust?.Invoke(settings) ?? settings, cancellationToken);
        return report.Problems.Count == 0
            ? report
            : throw new InvalidOperationException("The topology could not be applied: " + string.Join("; ", report.Problems));
    }

    private static string RepositoryFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, .. parts]);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{Path.Combine(parts)} not found above {AppContext.BaseDirectory}");
    }
}
