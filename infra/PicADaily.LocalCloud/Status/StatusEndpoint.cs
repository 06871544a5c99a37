namespace PicADaily.LocalCloud.Status;

/// <summary><c>GET /localcloud/status</c>: what LocalCloud's Pub/Sub and scheduler are doing, read-only.</summary>
public static class StatusEndpoint
{
    public static WebApplication MapLocalCloudStatus(this WebApplication app)
    {
        app.MapGet("/localcloud/status", (PubSubRegistry registry, PushDispatchers push, JobScheduler scheduler) =>
            Results.Json(new
            {
                topics = registry.Topics.Select(t => t.Name),
                subscriptions = registry.Subscriptions.Select(s => new
                {
                    name = s.Name,
                    topic = s.Config.Topic,
                    pushEndpoint = s.PushEndpoint,
                    filter = s.Config.Filter,
                    backlog = s.Backlog,
                    inFlight = s.InFlight,
                    delivered = s.Counters.Delivered,
                    acked = s.Counters.Acked,
                    nacked = s.Counters.Nacked,
                    deadLettered = s.Counters.DeadLettered,
                    filtered = s.Counters.Filtered,
                    pushWindow = push.WindowOf(s),
                    redelivered = s.Counters.Redelivered,
                    nacksByStatus = s.Counters.NacksByStatus,
                }),
                scheduler = scheduler.Jobs.Select(j => new
                {
                    name = j.Job.Name,
                    schedule = j.Job.Cron.ToString(),
                    topic = j.Job.Topic,
                    nextRun = j.NextRun,
                    lastRun = j.LastRun,
                    runs = j.Runs,
                    failures = j.Failures,
                    lastError = j.LastError,
                }),
            }));
        return app;
    }
}
