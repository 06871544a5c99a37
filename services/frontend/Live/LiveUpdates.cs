using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using System.Threading.Channels;

namespace PicADaily.Frontend.Live;

/// <summary>A change browsers hear about: which picture, and what happened to it.</summary>
/// <param name="Visible">Whether the picture was visible to everybody when this happened; never sent, it decides who hears the name.</param>
public sealed record LiveUpdate(string Picture, string Kind, bool GalleryChanged, [property: JsonIgnore] bool Visible)
{
    /// <summary>What a listener who may not see the picture hears: only that the gallery changed.</summary>
    public static LiveUpdate GalleryChangedOnly { get; } = new("", "", GalleryChanged: true, Visible: false);
}

/// <summary>
/// Fans each recorded change out to every connected browser. A slow browser loses its oldest
/// updates rather than holding memory: each update only means "look again".
/// </summary>
public sealed class LiveUpdates
{
    private const int BufferPerListener = 64;

    private readonly ConcurrentDictionary<Guid, Channel<LiveUpdate>> listeners = new();

    public int ListenerCount => listeners.Count;

    public void Publish(LiveUpdate update)
    {
        foreach (var channel in listeners.Values)
        {
            channel.Writer.TryWrite(update);
        }
    }

    /// <summary>Starts listening at once; every update published from now on reaches the subscription until it is disposed.</summary>
    public Subscription Subscribe()
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<LiveUpdate>(new BoundedChannelOptions(BufferPerListener)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        listeners[id] = channel;
        return new Subscription(channel.Reader, () => listeners.TryRemove(id, out _));
    }

    /// <summary>One listener's updates.</summary>
    public sealed class Subscription(ChannelReader<LiveUpdate> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<LiveUpdate> Updates { get; } = reader;

        public void Dispose() => unsubscribe();
    }
}
