using System.Collections.Concurrent;
using PicADaily.Contracts.PubSub;
using PicADaily.GoogleCloud.PubSub;

namespace PicADaily.Frontend.Tests.Support;

/// <summary>Keeps what the frontend publishes (replays), per topic, in order.</summary>
public sealed class RecordingPubSubPublisher : IPubSubPublisher
{
    private int next;

    public ConcurrentQueue<(string Topic, PubSubMessage Message)> Published { get; } = new();

    public Task<IReadOnlyList<string>> PublishAsync(string topicId, IReadOnlyList<PubSubMessage> messages, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var message in messages)
        {
            Published.Enqueue((topicId, message));
            ids.Add("published-" + Interlocked.Increment(ref next).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return Task.FromResult<IReadOnlyList<string>>(ids);
    }
}
