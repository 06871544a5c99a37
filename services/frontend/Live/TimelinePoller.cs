using Microsoft.Extensions.Options;
using PicADaily.Frontend.Timeline;

namespace PicADaily.Frontend.Live;

/// <summary>
/// The one reader of the <c>timeline</c> collection per frontend instance: every
/// <see cref="LiveOptions.PollInterval"/> it reads the entries recorded since the last one it saw, by
/// any instance, and hands them in cursor order to <see cref="LiveUpdates"/>. So a browser hears of
/// a push that reached another instance, whatever the number of browsers and instances.
/// </summary>
public sealed class TimelinePoller(IServiceScopeFactory scopes, LiveUpdates updates, TimeProvider time, IOptions<LiveOptions> options, ILogger<TimelinePoller> logger) : BackgroundService
{
    private readonly Lock gate = new();
    private TimelineCursor? position;
    private bool started;

    /// <summary>
    /// The cursor of the newest entry handed to <see cref="LiveUpdates"/> (or where the timeline ended
    /// when this instance started); null before the first poll. A stream that subscribes now hears
    /// every entry after it.
    /// </summary>
    public TimelineCursor? Position
    {
        get
        {
            lock (gate)
            {
                return position;
            }
        }

        private set
        {
            lock (gate)
            {
                position = value;
            }
        }
    }

    /// <summary>How many polls have completed (successful or not): lets tests wait for one without sleeping.</summary>
    public long CompletedPolls => Interlocked.Read(ref completedPolls);

    private long completedPolls;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Reading the timeline for live updates failed; trying again at the next poll");
            }
            finally
            {
                Interlocked.Increment(ref completedPolls);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ITimelineStore>();
        if (!started)
        {
            // What was recorded before this instance started is history, not news; a browser that
            // missed some of it asks with Last-Event-ID.
            Position = await store.NewestCursorAsync(cancellationToken);
            started = true;
            return;
        }

        IReadOnlyList<RecordedEntry> page;
        do
        {
            page = await store.ListRecordedAfterAsync(Position, options.Value.PageSize, cancellationToken);
            foreach (var recorded in page)
            {
                // Moved before the entry is handed out: a stream that subscribed, then read an older position, is sure to hear it.
                Position = recorded.Cursor;
                updates.Publish(LiveUpdate.From(recorded), LiveSource.Timeline);
            }
        }
        while (page.Count == options.Value.PageSize);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
