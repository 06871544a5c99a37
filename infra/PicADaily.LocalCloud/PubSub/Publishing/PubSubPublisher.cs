namespace PicADaily.LocalCloud.PubSub.Publishing;

/// <summary>
/// Publish: assigns ids, fans out to the subscriptions whose filter matches, commits, then hands
/// each message to its subscriptions (which wakes their dispatchers).
/// </summary>
public sealed class PubSubPublisher(PubSubRegistry registry, TimeProvider time) : IMessagePublisher
{
    private long lastMessageId;

    /// <summary>Ids only grow, also across restarts after every message was acked and removed.</summary>
    internal void Resume(long maxStoredMessageId) =>
        lastMessageId = Math.Max(maxStoredMessageId, time.GetUtcNow().ToUnixTimeMilliseconds() * 1000);

    public async Task<string> PublishAsync(string topic, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken)
    {
        if (!registry.TopicExists(topic))
        {
            throw new KeyNotFoundException($"Topic {topic} does not exist.");
        }

        var ids = await PublishAsync(topic, [PublishValidator.Check(data.ToArray(), attributes)]);
        return ids[0];
    }

    /// <summary>Returns once every message is committed to disk, with ids in request order.</summary>
    /// <exception cref="GoogleErrorException">NOT_FOUND when the topic does not exist.</exception>
    public async Task<IReadOnlyList<string>> PublishAsync(string topic, IReadOnlyList<(byte[] Data, IReadOnlyDictionary<string, string> Attributes)> messages)
    {
        if (!registry.TopicExists(topic))
        {
            throw ResourceNames.NotFound(topic);
        }

        var targets = registry.Subscriptions.Where(s => s.Config.Topic == topic && !s.Deleted).ToArray();
        var publishTime = time.GetUtcNow();
        var accepted = new List<(StoredMessage Message, SubscriptionRuntime[] To)>(messages.Count);
        foreach (var (data, attributes) in messages)
        {
            var message = new StoredMessage(Interlocked.Increment(ref lastMessageId), topic, data,
                new Dictionary<string, string>(attributes, StringComparer.Ordinal), publishTime);
            accepted.Add((message, Route(message, targets)));
        }

        // With no subscription a message is dropped (as on Google Cloud): nothing to make durable.
        if (accepted.Any(a => a.To.Length > 0))
        {
            await registry.Store.WriteAsync(c =>
            {
                foreach (var (message, to) in accepted)
                {
                    c.InsertMessage(message, to.Select(s => s.Name));
                }
            });
        }

        foreach (var (message, to) in accepted)
        {
            foreach (var runtime in to)
            {
                runtime.Add(message, 0, 0);
            }
        }

        return accepted.Select(a => a.Message.MessageId).ToList();
    }

    // A message the filter does not match is acknowledged at once: never delivered, never dead-lettered.
    private static SubscriptionRuntime[] Route(StoredMessage message, SubscriptionRuntime[] candidates)
    {
        var matching = new List<SubscriptionRuntime>(candidates.Length);
        foreach (var runtime in candidates)
        {
            if (runtime.Filter is null || runtime.Filter.Matches(message.Attributes))
            {
                matching.Add(runtime);
            }
            else
            {
                runtime.Counters.CountFiltered();
            }
        }

        return [.. matching];
    }
}
