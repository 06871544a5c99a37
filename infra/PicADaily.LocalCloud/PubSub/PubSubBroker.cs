using System.Collections.Concurrent;

using Microsoft.Extensions.Options;

using PicADaily.LocalCloud.Hosting;
using PicADaily.LocalCloud.PubSub.Delivery;
using PicADaily.LocalCloud.PubSub.Model;
using PicADaily.LocalCloud.PubSub.Persistence;

namespace PicADaily.LocalCloud.PubSub;

/// <summary>
/// LocalCloud's Pub/Sub: topics, subscriptions, durable publish, push dispatch, pull, acks and
/// dead-lettering. The REST endpoints and <see cref="IMessagePublisher"/> both go through it.
/// </summary>
public sealed partial class PubSubBroker(
    IOptions<LocalCloudOptions> cloudOptions,
    IOptions<PubSubOptions> options,
    PushSender sender,
    TimeProvider time,
    ILogger<PubSubBroker> logger) : IMessagePublisher, IAsyncDisposable
{
    private readonly Lock registryGate = new();
    private readonly ConcurrentDictionary<string, TopicResource> topics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SubscriptionRuntime> subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PushDispatcher> dispatchers = new(StringComparer.Ordinal);
    private PubSubStore? store;
    private long lastMessageId;

    private PubSubStore Store => store ?? throw new InvalidOperationException("Pub/Sub has not started.");

    internal long NowUnixMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Opens the store and resumes every unacked delivery with its saved redelivery state.</summary>
    public void Start()
    {
        store = new PubSubStore(Path.Combine(cloudOptions.Value.DataPath, "pubsub"), logger);
        var snapshot = store.Load();
        foreach (var topic in snapshot.Topics)
        {
            topics[topic.Name!] = topic;
        }

        foreach (var subscription in snapshot.Subscriptions)
        {
            subscriptions[subscription.Name!] = new SubscriptionRuntime(subscription, SubscriptionValidator.ParseFilter(subscription.Filter));
        }

        foreach (var delivery in snapshot.Deliveries)
        {
            subscriptions.GetValueOrDefault(delivery.Subscription)?.Add(delivery.Message, delivery.Attempts, delivery.NextAttemptUnixMs);
        }

        // Ids only grow, also across restarts after every message was acked and removed.
        lastMessageId = Math.Max(snapshot.MaxMessageId, NowUnixMs * 1000);
        foreach (var runtime in subscriptions.Values)
        {
            StartDispatcher(runtime);
        }

        logger.LogInformation("Pub/Sub resumed {Topics} topics, {Subscriptions} subscriptions, {Deliveries} unacked deliveries",
            topics.Count, subscriptions.Count, snapshot.Deliveries.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(dispatchers.Values.Select(d => d.StopAsync()));
        dispatchers.Clear();
        if (store is not null)
        {
            await store.DisposeAsync();
            store = null;
        }
    }

    public IReadOnlyCollection<SubscriptionRuntime> Subscriptions => subscriptions.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyCollection<TopicResource> Topics => topics.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    /// <summary>The push window of a subscription's dispatcher (1 when it has none).</summary>
    internal int PushWindowOf(SubscriptionRuntime runtime) => dispatchers.TryGetValue(runtime.Name, out var dispatcher) ? dispatcher.Window.Size : 1;

    private void StartDispatcher(SubscriptionRuntime runtime)
    {
        var dispatcher = new PushDispatcher(runtime, this, sender, Math.Max(1, options.Value.PushConcurrency), logger);
        if (dispatchers.TryAdd(runtime.Name, dispatcher))
        {
            dispatcher.Start();
        }
    }
}
