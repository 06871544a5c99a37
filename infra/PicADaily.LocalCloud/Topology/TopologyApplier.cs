using System.Text;

using Microsoft.Extensions.Options;

using PicADaily.LocalCloud.Hosting;
using PicADaily.LocalCloud.PubSub;
using PicADaily.LocalCloud.Scheduler;
using PicADaily.LocalCloud.Storage;

namespace PicADaily.LocalCloud.Topology;

/// <summary>
/// Applies <c>infra/topology.json</c> at start-up, idempotently: creates what is missing, updates
/// subscriptions whose declared settings changed, registers the schedules. Applying twice changes nothing.
/// </summary>
public sealed class TopologyApplier(
    IOptions<LocalCloudOptions> cloudOptions,
    IOptions<PubSubOptions> pubSubOptions,
    PubSubBroker broker,
    JobScheduler scheduler,
    IConfiguration configuration,
    IServiceProvider services,
    ILogger<TopologyApplier> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = cloudOptions.Value.TopologyPath;
        if (string.IsNullOrWhiteSpace(path))
        {
            logger.LogInformation("No topology configured (LocalCloud:TopologyPath); nothing declared is applied");
            return;
        }

        await ApplyAsync(Contracts.Topology.TopologyLoader.Load(path), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task ApplyAsync(Contracts.Topology.Topology topology, CancellationToken cancellationToken)
    {
        var project = topology.ProjectId;
        if (configuration[ExternalPubSubPublisher.PubSubEmulatorHostKey] is { Length: > 0 } external)
        {
            // Topics and push subscriptions live in that Pub/Sub (the provisioner creates them there);
            // subscriptions here would only collect nothing and warn about endpoints nobody needs.
            logger.LogInformation("Pub/Sub is external ({PubSubEmulatorHost}): the topology's topics and subscriptions are left to it", external);
        }
        else
        {
            foreach (var topic in topology.Topics)
            {
                await EnsureTopicAsync(ResourceNames.Topic(project, topic));
            }

            foreach (var subscription in topology.Subscriptions)
            {
                await EnsureSubscriptionAsync(project, subscription);
            }
        }

        await ProvisionStorageAsync(topology, cancellationToken);
        foreach (var job in topology.Schedules)
        {
            // LocalCloud:Schedules:{name} overrides a declared cron, e.g. a faster collage locally.
            var schedule = configuration[$"LocalCloud:Schedules:{job.Name}"] is { Length: > 0 } overridden ? overridden : job.Schedule;
            scheduler.Register(new ScheduledPublish(
                job.Name,
                ScheduledPublish.ParseCron(schedule),
                string.IsNullOrEmpty(job.TimeZone) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(job.TimeZone),
                ResourceNames.Topic(project, job.Topic),
                Encoding.UTF8.GetBytes(job.Data ?? ""),
                job.Attributes ?? new Dictionary<string, string>()));
        }

        logger.LogInformation("Topology applied: {Topics} topics, {Subscriptions} subscriptions, {Schedules} schedules",
            topology.Topics.Count, topology.Subscriptions.Count, topology.Schedules.Count);
    }

    private async Task EnsureTopicAsync(string name)
    {
        try
        {
            await broker.CreateTopicAsync(name, null);
        }
        catch (PubSubException e) when (e.HttpStatus == 409)
        {
            // Already there: nothing to do.
        }
    }

    private async Task EnsureSubscriptionAsync(string project, Contracts.Topology.PushSubscription declared)
    {
        var name = ResourceNames.Subscription(project, declared.Name);
        var baseUri = ServiceEndpoints.Resolve(configuration, declared.Service);
        if (baseUri is null)
        {
            logger.LogWarning(
                "No endpoint for service {Service} (set LocalCloud:Endpoints:{Service} or services:{Service}:http:0); subscription {Subscription} keeps its backlog until one is configured",
                declared.Service, declared.Service, declared.Service, name);
        }

        var desired = TopologySubscriptionMapper.ToResource(declared, project, baseUri is null ? null : ServiceEndpoints.Combine(baseUri, declared.Path), pubSubOptions.Value);
        var live = broker.Subscriptions.FirstOrDefault(s => s.Name == name)?.Config;
        if (live is null)
        {
            await broker.CreateSubscriptionAsync(name, desired);
            return;
        }

        if (live.Filter != desired.Filter)
        {
            logger.LogWarning("Subscription {Subscription} has filter {Live} but the topology declares {Declared}; a filter cannot change, delete the subscription to apply it",
                name, live.Filter, desired.Filter);
        }

        var differences = TopologySubscriptionMapper.Differences(live, desired);
        if (differences.Count > 0)
        {
            await broker.UpdateSubscriptionAsync(name, desired, string.Join(',', differences));
        }
    }

    private async Task ProvisionStorageAsync(Contracts.Topology.Topology topology, CancellationToken cancellationToken)
    {
        var provisioner = services.GetService<IBucketProvisioner>();
        if (provisioner is null)
        {
            logger.LogInformation("No storage provisioner registered; buckets and notifications of the topology are skipped");
            return;
        }

        foreach (var bucket in topology.Buckets)
        {
            await provisioner.EnsureBucketAsync(bucket, cancellationToken);
        }

        foreach (var notification in topology.Notifications)
        {
            await provisioner.EnsureNotificationAsync(notification.Bucket, ResourceNames.Topic(topology.ProjectId, notification.Topic),
                notification.EventTypes, notification.PayloadFormat, cancellationToken);
        }
    }
}
