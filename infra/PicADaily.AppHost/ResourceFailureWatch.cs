using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PicADaily.AppHost;

/// <summary>
/// Runs the app and stops it when a resource fails to start or exits with a non-zero code: a dead
/// LocalCloud or service means a dead system, so the console shows that resource's last lines and
/// the app host ends with exit code 1 instead of running on as if all were well.
/// </summary>
internal static class ResourceFailureWatch
{
    private const int LinesShown = 25;

    public static async Task<int> RunAsync(DistributedApplication app)
    {
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        var run = app.RunAsync();
        var failure = FirstFailureAsync(notifications, logs, stopping);
        if (await Task.WhenAny(run, failure) == failure && await failure is { } report)
        {
            await Console.Error.WriteLineAsync(report);
            await app.StopAsync();
            await run;
            return 1;
        }

        await run;
        return 0;
    }

    private static async Task<string?> FirstFailureAsync(ResourceNotificationService notifications, ResourceLoggerService logs, CancellationToken stopping)
    {
        // Collected from the start: a resource's output is only worth showing once it has died.
        var recent = new ConcurrentDictionary<string, ConcurrentQueue<string>>();
        try
        {
            await foreach (var change in notifications.WatchAsync(stopping))
            {
                if (recent.TryAdd(change.ResourceId, new ConcurrentQueue<string>()))
                {
                    _ = CollectAsync(logs, change.ResourceId, recent[change.ResourceId], stopping);
                }

                var state = change.Snapshot.State?.Text;
                var failed = state == KnownResourceStates.FailedToStart
                    || (state is not null && KnownResourceStates.TerminalStates.Contains(state) && change.Snapshot.ExitCode is { } code && code != 0);
                if (failed && !stopping.IsCancellationRequested)
                {
                    return $"{change.Resource.Name} {(state == KnownResourceStates.FailedToStart ? "failed to start" : $"exited with code {change.Snapshot.ExitCode}")}; Pic-a-Daily is stopping. Its last lines:"
                        + Environment.NewLine + string.Join(Environment.NewLine, recent[change.ResourceId].Select(line => "  " + line));
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        return null;
    }

    private static async Task CollectAsync(ResourceLoggerService logs, string resourceId, ConcurrentQueue<string> lines, CancellationToken stopping)
    {
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(stopping))
            {
                foreach (var line in batch)
                {
                    lines.Enqueue(line.Content);
                    while (lines.Count > LinesShown && lines.TryDequeue(out _))
                    {
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
