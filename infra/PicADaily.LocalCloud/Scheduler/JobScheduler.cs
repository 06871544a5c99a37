using System.Collections.Concurrent;

using PicADaily.LocalCloud.PubSub;

namespace PicADaily.LocalCloud.Scheduler;

/// <summary>
/// Runs scheduled publishes. Each job has one loop that waits for its next occurrence, publishes,
/// then computes the next one: executions of a job never overlap, and a slow publish skips the
/// ticks it overran rather than piling them up.
/// </summary>
public sealed class JobScheduler(IMessagePublisher publisher, TimeProvider time, ILogger<JobScheduler> logger) : IHostedService
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<string, JobState> jobs = new(StringComparer.Ordinal);

    public IReadOnlyList<JobState> Jobs => jobs.Values.OrderBy(j => j.Job.Name, StringComparer.Ordinal).ToList();

    /// <summary>Adds or replaces a job (replacing an identical job changes nothing).</summary>
    public void Register(ScheduledPublish job)
    {
        if (jobs.TryGetValue(job.Name, out var existing) && SameJob(existing.Job, job))
        {
            return;
        }

        var state = new JobState(job);
        if (jobs.TryRemove(job.Name, out var replaced))
        {
            replaced.Cancel();
        }

        jobs[job.Name] = state;
        state.Loop = Task.Run(() => RunAsync(state));
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        foreach (var state in jobs.Values)
        {
            state.Cancel();
        }

        await Task.WhenAll(jobs.Values.Select(j => j.Loop));
    }

    private async Task RunAsync(JobState state)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token, state.Cancellation);
        var token = linked.Token;
        var job = state.Job;
        try
        {
            DateTimeOffset? previous = null;
            while (!token.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                // From the later of now and the last tick: a timer firing a hair early must not run a tick twice.
                var from = previous is { } last && last > now ? last : now;
                var next = job.Cron.GetNextOccurrence(from, job.TimeZone);
                state.NextRun = next;
                if (next is null)
                {
                    return;
                }

                // Task.Delay caps at ~49 days; a yearly schedule waits in daily steps.
                for (var left = next.Value - now; left > TimeSpan.Zero; left = next.Value - time.GetUtcNow())
                {
                    await Task.Delay(left < MaxWait ? left : MaxWait, time, token);
                }

                await RunOnceAsync(state, next.Value, token);
                previous = next;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopped or replaced.
        }
    }

    private async Task RunOnceAsync(JobState state, DateTimeOffset scheduled, CancellationToken token)
    {
        try
        {
            await publisher.PublishAsync(state.Job.Topic, state.Job.Data, state.Job.Attributes, token);
            state.Succeeded(scheduled);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            state.Failed(scheduled, e.Message);
            logger.LogWarning(e, "Scheduled job {Job} could not publish to {Topic}", state.Job.Name, state.Job.Topic);
        }
    }

    private static bool SameJob(ScheduledPublish a, ScheduledPublish b) =>
        a.Cron.ToString() == b.Cron.ToString() && a.TimeZone.Id == b.TimeZone.Id && a.Topic == b.Topic
        && a.Data.AsSpan().SequenceEqual(b.Data)
        && a.Attributes.Count == b.Attributes.Count && a.Attributes.All(kv => b.Attributes.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
