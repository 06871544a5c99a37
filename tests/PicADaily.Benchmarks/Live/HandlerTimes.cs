using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace PicADaily.Benchmarks.Live;

/// <summary>
/// Each handler's own time per picture, read from the line the event endpoint logs for every event it
/// answers ("… for {name}#{generation}: Handled, … (N ms)"), from the console of each service.
/// </summary>
internal sealed partial class HandlerTimes : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Service, string Name), double> handled = new();
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> watchers = [];

    private HandlerTimes()
    {
    }

    public static async Task<HandlerTimes> StartAsync(DistributedApplication app, params string[] services)
    {
        var times = new HandlerTimes();
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var service in services)
        {
            // Logs are kept per running instance (its resource id), not per resource name.
            var running = await app.ResourceNotifications.WaitForResourceAsync(service, e => e.Snapshot.State?.Text == KnownResourceStates.Running);
            times.watchers.Add(times.WatchAsync(logs, service, running.ResourceId));
        }

        return times;
    }

    /// <summary>The service's handling time for the picture, in ms, once its log line was seen.</summary>
    public double? Of(string service, string name) => handled.TryGetValue((service, name), out var ms) ? ms : null;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(watchers);
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        stop.Dispose();
    }

    private async Task WatchAsync(ResourceLoggerService logs, string service, string resourceId)
    {
        await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(stop.Token))
        {
            foreach (var line in batch)
            {
                var match = HandledLine().Match(line.Content);
                if (match.Success)
                {
                    handled[(service, match.Groups["name"].Value)] = double.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture);
                }
            }
        }
    }

    [GeneratedRegex(@"for (?<name>\S+)#\d+: Handled, .*\((?<ms>\d+) ms\)")]
    private static partial Regex HandledLine();
}
