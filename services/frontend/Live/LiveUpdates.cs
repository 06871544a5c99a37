using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using PicADaily.Frontend.Timeline;

namespace PicADaily.Frontend.Live;

/// <summary>A change browsers hear about: which picture, and what happened to it.</summary>
/// <param name="Visible">Whether the picture was visible to everybody when this happened; never sent, it decides who hears the name.</param>
/// <param name="Cursor">The entry's place in the timeline's order (sent as the SSE id, not in the data).</param>
public sealed record LiveUpdate(string Picture, string Kind, bool GalleryChanged, [property: JsonIgnore] bool Visible, [property: JsonIgnore] TimelineCursor? Cursor = null)
{
    /// <summary>What a listener who may not see the picture hears: only that the gallery changed.</summary>
    public static LiveUpdate GalleryChangedOnly { get; } = new("", "", GalleryChanged: true, Visible: false);

    public static LiveUpdate From(RecordedEntry recorded) => new(
        recorded.Entry.Picture,
        recorded.Entry.Kind,
        TimelineKinds.ChangesGallery(recorded.Entry.Kind),
        recorded.VisibleWhenRecorded,
        recorded.Cursor);
}

/// <summary>How an update reached this instance.</summary>
public enum LiveSource
{
    /// <summary>Recorded by this instance a moment ago: sent at once, before the timeline is read back.</summary>
    FastPath,

    /// <summary>Read back from the timeline by <see cref="TimelinePoller"/>, in cursor order, whichever instance recorded it.</summary>
    Timeline,
}

/// <summary>An update and how it arrived.</summary>
public sealed record LiveDelivery(LiveUpdate Update, LiveSource Source);

/// <summary>
/// Fans each change out to every browser connected to this instance. A slow browser's oldest
/// updates are dropped rather than held; its subscription is then marked <see cref="Subscription.Lagged"/>
/// so the stream reads what it lost back from the timeline.
/// </summary>
public sealed class LiveUpdates
{
    private const int BufferPerListener = 64;

    private readonly ConcurrentDictionary<Guid, Subscription> listeners = new();

    public int ListenerCount => listeners.Count;

    public void Publish(LiveUpdate update, LiveSource source = LiveSource.FastPath)
    {
        var delivery = new LiveDelivery(update, source);
        foreach (var listener in listeners.Values)
        {
            listener.Offer(delivery);
        }
    }

    /// <summary>Starts listening at once; every update published from now on reaches the subscription until it is disposed.</summary>
    public Subscription Subscribe()
    {
        var id = Guid.NewGuid();
        var subscription = new Subscription(() => listeners.TryRemove(id, out _));
        listeners[id] = subscription;
        return subscription;
    }

    /// <summary>One listener's updates.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly Channel<LiveDelivery> channel;
        private readonly Action unsubscribe;
        private int lagged;

        internal Subscription(Action unsubscribe)
        {
            this.unsubscribe = unsubscribe;
            channel = Channel.CreateBounded<LiveDelivery>(
                new BoundedChannelOptions(BufferPerListener) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                dropped => Interlocked.Exchange(ref lagged, 1));
        }

        public ChannelReader<LiveDelivery> Updates => channel.Reader;

        /// <summary>True once since updates were last dropped for want of room (reading it resets it).</summary>
        public bool TakeLagged() => Interlocked.Exchange(ref lagged, 0) == 1;

        internal void Offer(LiveDelivery delivery) => channel.Writer.TryWrite(delivery);

        public void Dispose() => unsubscribe();
    }
}
