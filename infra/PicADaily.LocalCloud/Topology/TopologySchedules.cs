using System.Text;

using Microsoft.Extensions.Options;

using PicADaily.LocalCloud.Hosting;
using PicADaily.LocalCloud.PubSub;
using PicADaily.LocalCloud.Scheduler;

namespace PicADaily.LocalCloud.Topology;

/// <summary>
/// Registers the schedules of <c>infra/topology.json</c> with the scheduler at start-up: LocalCloud
/// stands in for Cloud Scheduler. Everything else the topology declares (topics, subscriptions,
/// buckets, notifications) is applied by the provisioner through the APIs, as on Google Cloud.
/// </summary>
public sealed class TopologySchedules(
    IOptions<LocalCloudOptions> cloudOptions,
    JobScheduler scheduler,
    IConfiguration configuration,
    ILogger<TopologySchedules> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var path = cloudOptions.Value.TopologyPath;
        if (string.IsNullOrWhiteSpace(path))
        {
            logger.LogInformation("No topology configured (LocalCloud:TopologyPath); no schedule runs");
            return Task.CompletedTask;
        }

        var topology = Contracts.Topology.TopologyLoader.Load(path);
        foreach (var job in topology.Schedules)
        {
            // LocalCloud:Schedules:{name} overrides a declared cron, e.g. a faster collage locally.
            var schedule = configuration[$"LocalCloud:Schedules:{job.Name}"] is { Length: > 0 } overridden ? overridden : job.Schedule;
            scheduler.Register(new ScheduledPublish(
                job.Name,
                ScheduledPublish.ParseCron(schedule),
                string.IsNullOrEmpty(job.TimeZone) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(job.TimeZone),
                ResourceNames.Topic(topology.ProjectId, job.Topic),
                Encoding.UTF8.GetBytes(job.Data ?? ""),
                job.Attributes ?? new Dictionary<string, string>()));
        }

        logger.LogInformation("Schedules of {TopologyPath} registered: {Schedules}", path, topology.Schedules.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
