using Google.Cloud.Storage.V1;
using PicADaily.Contracts.Topology;
using PicADaily.GoogleCloud.PubSub;

namespace PicADaily.Provisioner;

/// <summary>
/// Applies a topology idempotently: get → compare → create or patch. Topics, then push
/// subscriptions (dead-letter topics must exist first), then buckets and their notifications.
/// Schedules are not Pub/Sub or Storage resources: LocalCloud runs them locally, the deploy script
/// creates Cloud Scheduler jobs; the report lists them so nobody wonders.
/// </summary>
public sealed class TopologyProvisioner(IPubSubAdmin pubSub, StorageClient? storage)
{
    /// <exception cref="InvalidOperationException">A subscription's service has no endpoint; nothing is changed then.</exception>
    public async Task<ProvisioningReport> ApplyAsync(Topology topology, string projectId, ProvisioningSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(settings);
        var missing = topology.Subscriptions.Select(s => s.Service).Distinct().Where(s => !settings.Endpoints.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"No endpoint for service(s) {string.Join(", ", missing)}: pass --endpoint <service>=<base URL> for each.");
        }

        var report = new ProvisioningReport();
        foreach (var topic in topology.Topics)
        {
            await EnsureTopicAsync(topic, report, cancellationToken);
        }

        foreach (var subscription in topology.Subscriptions)
        {
            await EnsureSubscriptionAsync(subscription, settings, report, cancellationToken);
        }

        if (!settings.SkipStorage)
        {
            var buckets = new StorageProvisioner(storage ?? throw new InvalidOperationException("Storage provisioning needs a StorageClient (or SkipStorage)."), projectId, settings);
            await buckets.ApplyAsync(topology, report, cancellationToken);
        }

        foreach (var job in topology.Schedules)
        {
            report.Kept($"schedule {job.Name} ({job.Schedule} → {job.Topic}): run by LocalCloud locally, by Cloud Scheduler on Google Cloud (infra/gcp/deploy.sh)");
        }

        return report;
    }

    private async Task EnsureTopicAsync(string topic, ProvisioningReport report, CancellationToken cancellationToken)
    {
        if (await pubSub.GetTopicAsync(topic, cancellationToken) is not null)
        {
            report.Kept($"topic {topic}");
            return;
        }

        await pubSub.EnsureTopicAsync(topic, cancellationToken);
        report.Changed($"created topic {topic}");
    }

    private async Task EnsureSubscriptionAsync(PushSubscription declared, ProvisioningSettings settings, ProvisioningReport report, CancellationToken cancellationToken)
    {
        var desired = SubscriptionPlan.Desired(declared, pubSub, settings);
        var live = await pubSub.GetSubscriptionAsync(declared.Name, cancellationToken);
        if (live is null)
        {
            await pubSub.CreateSubscriptionAsync(declared.Name, desired, cancellationToken);
            report.Changed($"created subscription {declared.Name} → {desired.PushConfig!.PushEndpoint}");
            return;
        }

        foreach (var problem in SubscriptionPlan.ImmutableDifferences(live, desired))
        {
            report.Problem($"subscription {declared.Name}: {problem}; it cannot be changed in place: delete the subscription and run again");
        }

        var differences = SubscriptionPlan.Differences(live, desired);
        if (differences.Count == 0)
        {
            report.Kept($"subscription {declared.Name}");
            return;
        }

        await pubSub.PatchSubscriptionAsync(declared.Name, desired with { Topic = null, Filter = null, ExpirationPolicy = null, Labels = null }, differences, cancellationToken);
        report.Changed($"updated subscription {declared.Name}: {string.Join(", ", differences)}");
    }
}
