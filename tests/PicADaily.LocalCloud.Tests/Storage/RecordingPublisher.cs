using System.Collections.Concurrent;
using System.Text.Json.Nodes;

using PicADaily.LocalCloud.PubSub;

namespace PicADaily.LocalCloud.Tests.Storage;

/// <summary>A message as LocalCloud's storage handed it to Pub/Sub.</summary>
public sealed record PublishedMessage(string Topic, byte[] Data, IReadOnlyDictionary<string, string> Attributes)
{
    public string EventType => Attributes["eventType"];

    public string ObjectId => Attributes["objectId"];

    public JsonObject Payload => (JsonObject)JsonNode.Parse(Data)!;

    public override string ToString() => $"{EventType} {Attributes["bucketId"]}/{ObjectId}#{Attributes["objectGeneration"]}";
}

/// <summary>Stands in for LocalCloud's Pub/Sub: records what storage publishes, or fails on demand like a missing topic.</summary>
public sealed class RecordingPublisher : IMessagePublisher
{
    private readonly ConcurrentQueue<PublishedMessage> messages = new();
    private readonly SemaphoreSlim published = new(0, int.MaxValue);
    private int attempts;

    /// <summary>While true, every publish throws as for a topic that does not exist.</summary>
    public bool Failing { get; set; }

    public int Attempts => Volatile.Read(ref attempts);

    public IReadOnlyList<PublishedMessage> Messages => [.. messages];

    public Task<string> PublishAsync(string topic, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref attempts);
        published.Release();
        if (Failing)
        {
            throw new KeyNotFoundException($"Topic not found: {topic}");
        }

        messages.Enqueue(new PublishedMessage(topic, data.ToArray(), new Dictionary<string, string>(attributes)));
        return Task.FromResult(messages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Waits (bounded) until the recorded messages satisfy <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<PublishedMessage>> WaitForAsync(Func<IReadOnlyList<PublishedMessage>, bool> condition, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(() => condition(Messages), timeout);
        return Messages;
    }

    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException("Expected messages did not arrive; got: " + string.Join(", ", Messages));
            }

            await published.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }
}
