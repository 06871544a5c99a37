using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using PicADaily.Frontend.Access;
using PicADaily.Frontend.Live;
using PicADaily.Frontend.Timeline;

namespace PicADaily.Frontend.Api;

/// <summary>
/// <c>GET /api/live</c>: server-sent events, one <see cref="UpdateEvent"/> per new timeline entry, so
/// pages refresh without a reload. A <see cref="ReadyEvent"/> comes first, once the stream is listening.
/// A listener hears names only of pictures everybody may see, plus the one it asks about
/// (<c>?picture=</c>, whose page it has open); admins hear everything. Otherwise it only learns that
/// the gallery changed. A live page's first stream starts after the newest entry as it stood when the
/// page was drawn (<c>?after=</c>, see <see cref="LiveStartFilter"/>), so nothing recorded in between is missed.
/// <para>
/// Every event read back from the timeline carries the entry's <see cref="TimelineCursor"/> as its SSE
/// id, so a browser that reconnects (<c>Last-Event-ID</c>) first hears what it missed, whichever
/// instance recorded it. Entries this instance recorded itself go out at once without an id (the
/// fast path); when the poller reads them back, only their id follows (<see cref="CursorEvent"/>,
/// which pages ignore), so nothing is heard twice and the id never runs ahead of the timeline's order.
/// </para>
/// </summary>
public static class LiveApi
{
    public const string UpdateEvent = "picture";
    public const string ReadyEvent = "ready";
    public const string CursorEvent = "cursor";
    public const string ReloadEvent = "reload";

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/live", (LiveUpdates updates, TimelinePoller poller, ITimelineStore store, IOptions<LiveOptions> options, IHostApplicationLifetime lifetime, HttpContext context, string? picture, string? after) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var viewer = context.GetViewer();
            // A reconnecting browser's Last-Event-ID wins over where its page was drawn (?after=).
            var resumeAfter = TimelineCursor.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), out var reconnected) ? reconnected
                : TimelineCursor.TryParse(after, out var drawn) ? drawn
                : null;
            var listener = new Listener(update => ForListener(update, viewer, picture), resumeAfter);
            return TypedResults.ServerSentEvents(StreamAsync(updates, poller, store, listener, options.Value, lifetime, context.RequestAborted));
        });
        return endpoints;
    }

    /// <summary>The update as this listener may hear it, or null when it hears nothing of it.</summary>
    internal static LiveUpdate? ForListener(LiveUpdate update, Viewer viewer, string? picture)
    {
        if (viewer.IsAdmin || update.Visible || (!string.IsNullOrEmpty(picture) && picture == update.Picture))
        {
            return update;
        }

        return update.GalleryChanged ? LiveUpdate.GalleryChangedOnly : null;
    }

    // Ends on shutdown too, so an open browser tab never holds the server up.
    private static async IAsyncEnumerable<SseItem<LiveUpdate>> StreamAsync(LiveUpdates updates, TimelinePoller poller, ITimelineStore store, Listener listener, LiveOptions options, IHostApplicationLifetime lifetime, [EnumeratorCancellation] CancellationToken requestAborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        // Subscribed before the missed entries are read, so nothing recorded meanwhile slips between.
        using var subscription = updates.Subscribe();
        var catchUp = listener.Delivered is not null;
        // A new stream's ready carries where it starts (every entry after the poller's position reaches
        // the subscription), so a browser that drops before hearing any entry still resumes from there.
        // Delivered stays unset: entries up to that position already queued are still sent.
        var ready = new SseItem<LiveUpdate>(new LiveUpdate("", ReadyEvent, GalleryChanged: false, Visible: true), ReadyEvent) { EventId = catchUp ? null : poller.Position?.ToString() };
        yield return ready;
        while (true)
        {
            if (catchUp && listener.Delivered is { } after)
            {
                await foreach (var item in CatchUpAsync(store, listener, after, options, stop.Token))
                {
                    yield return item;
                }
            }

            if (!await WaitAsync(subscription, stop.Token))
            {
                yield break;
            }

            while (subscription.Updates.TryRead(out var delivery))
            {
                if (listener.Take(delivery) is { } item)
                {
                    yield return item;
                }
            }

            // Updates dropped for a slow reader are read back from the timeline, from the last id it got.
            catchUp = subscription.TakeLagged();
        }
    }

    private static async IAsyncEnumerable<SseItem<LiveUpdate>> CatchUpAsync(ITimelineStore store, Listener listener, TimelineCursor after, LiveOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var read = 0;
        IReadOnlyList<RecordedEntry> page;
        do
        {
            page = await store.ListRecordedAfterAsync(after, Math.Min(options.PageSize, options.MaxResume - read + 1), cancellationToken);
            foreach (var recorded in page)
            {
                if (++read > options.MaxResume)
                {
                    // Too much was missed to replay: the page reloads, and resumes from the newest entry.
                    var newest = await store.NewestCursorAsync(cancellationToken) ?? recorded.Cursor;
                    listener.Delivered = newest;
                    yield return new SseItem<LiveUpdate>(LiveUpdate.GalleryChangedOnly, ReloadEvent) { EventId = newest.ToString() };
                    yield break;
                }

                if (listener.Take(new LiveDelivery(LiveUpdate.From(recorded), LiveSource.Timeline)) is { } item)
                {
                    yield return item;
                }

                after = recorded.Cursor;
            }
        }
        while (page.Count > 0);
    }

    private static async Task<bool> WaitAsync(LiveUpdates.Subscription subscription, CancellationToken stop)
    {
        try
        {
            return await subscription.Updates.WaitToReadAsync(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>One stream's position: the last cursor it sent, and the entries it already sent by the fast path.</summary>
    private sealed class Listener(Func<LiveUpdate, LiveUpdate?> filter, TimelineCursor? resumeAfter)
    {
        // Bounded: should the poller stall, the oldest fast-path entries are forgotten, at worst heard twice.
        private const int MaxRemembered = 4096;
        private readonly HashSet<TimelineCursor> sentByFastPath = [];

        public TimelineCursor? Delivered { get; set; } = resumeAfter;

        public SseItem<LiveUpdate>? Take(LiveDelivery delivery)
        {
            if (delivery.Update.Cursor is not { } cursor || (Delivered is { } delivered && cursor <= delivered))
            {
                return null;
            }

            if (delivery.Source is LiveSource.FastPath)
            {
                if (sentByFastPath.Count >= MaxRemembered)
                {
                    sentByFastPath.Clear();
                }

                return sentByFastPath.Add(cursor) && filter(delivery.Update) is { } heard ? new SseItem<LiveUpdate>(heard, UpdateEvent) : null;
            }

            Delivered = cursor;
            var id = cursor.ToString();
            if (!sentByFastPath.Remove(cursor) && filter(delivery.Update) is { } news)
            {
                return new SseItem<LiveUpdate>(news, UpdateEvent) { EventId = id };
            }

            // Heard already (or not this listener's to hear): only the id moves on.
            return new SseItem<LiveUpdate>(new LiveUpdate("", CursorEvent, GalleryChanged: false, Visible: false), CursorEvent) { EventId = id };
        }
    }
}
