using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PicADaily.LocalCloud.PubSub.State;

/// <summary>
/// Topics and subscriptions (create, read, update, delete), durable in the store, and the live
/// state of each subscription that publishing and delivery work on.
/// </summary>
public sealed class PubSubRegistry(IOptions<LocalCloudOptions> cloudOptions, ILogger<PubSubRegistry> logger)
{
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<string, TopicResource> topics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SubscriptionRuntime> subscriptions = new(StringComparer.Ordinal);
    private PubSubStore? store;

    /// <summary>Raised after a subscription was created (delivery starts pushing for it).</summary>
    public event Action<SubscriptionRuntime>? SubscriptionCreated;

    /// <summary>Raised after a subscription was removed, before its rows are deleted.</summary>
    public event Action<SubscriptionRuntime>? SubscriptionDeleted;

    internal PubSubStore Store => store ?? throw new InvalidOperationException("Pub/Sub has not started.");

    /// <summary>The highest message id on disk when Pub/Sub started (ids only grow, across restarts too).</summary>
    internal long MaxStoredMessageId { get; private set; }

    public IReadOnlyCollection<SubscriptionRuntime> Subscriptions => subscriptions.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyCollection<TopicResource> Topics => topics.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

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

        MaxStoredMessageId = snapshot.MaxMessageId;
        logger.LogInformation("Pub/Sub resumed {Topics} topics, {Subscriptions} subscriptions, {Deliveries} unacked deliveries",
            topics.Count, subscriptions.Count, snapshot.Deliveries.Count);
    }

    public async Task StopAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
            store = null;
        }
    }

    public async Task<TopicResource> CreateTopicAsync(string name, TopicResource? body)
    {
        ResourceNames.Parse(name, "topics");
        var topic = new TopicResource { Name = name, Labels = body?.Labels, MessageRetentionDuration = body?.MessageRetentionDuration };
        lock (gate)
        {
            if (!topics.TryAdd(name, topic))
            {
                throw GoogleErrorException.AlreadyExists("Topic already exists.");
            }
        }

        await Store.WriteAsync(c => c.PutTopic(name, PubSubStore.ToJson(topic)));
        return topic;
    }

    public bool TopicExists(string name) => topics.ContainsKey(name);

    public TopicResource GetTopic(string name) =>
        topics.TryGetValue(name, out var topic) ? topic : throw ResourceNames.NotFound(name);

    public IReadOnlyList<TopicResource> ListTopics(string project) =>
        Topics.Where(t => t.Name!.StartsWith($"projects/{project}/", StringComparison.Ordinal)).ToList();

    public IReadOnlyList<string> ListTopicSubscriptions(string topic)
    {
        GetTopic(topic);
        return Subscriptions.Where(s => s.Config.Topic == topic).Select(s => s.Name).ToList();
    }

    /// <summary>Deletes a topic; its subscriptions stay, detached, as on Google Cloud.</summary>
    public async Task DeleteTopicAsync(string name)
    {
        lock (gate)
        {
            if (!topics.TryRemove(name, out _))
            {
                throw ResourceNames.NotFound(name);
            }
        }

        var detached = new List<SubscriptionResource>();
        foreach (var runtime in subscriptions.Values.Where(s => s.Config.Topic == name))
        {
            var copy = Clone(runtime.Config);
            copy.Topic = "_deleted-topic_";
            runtime.UpdateConfig(copy);
            detached.Add(copy);
        }

        await Store.WriteAsync(c =>
        {
            c.DeleteTopic(name);
            foreach (var s in detached)
            {
                c.PutSubscription(s.Name!, PubSubStore.ToJson(s));
            }
        });
    }

    public async Task<SubscriptionResource> CreateSubscriptionAsync(string name, SubscriptionResource body)
    {
        ResourceNames.Parse(name, "subscriptions");
        var subscription = Clone(body);
        subscription.Name = name;
        subscription.State = "ACTIVE";
        if (string.IsNullOrEmpty(subscription.Topic))
        {
            throw GoogleErrorException.InvalidArgument("A subscription needs a topic.");
        }

        ResourceNames.Parse(subscription.Topic, "topics");
        SubscriptionValidator.Normalize(subscription);
        RequireTopic(subscription.Topic);
        if (subscription.DeadLetterPolicy?.DeadLetterTopic is { } deadLetterTopic)
        {
            RequireTopic(deadLetterTopic);
        }

        var runtime = new SubscriptionRuntime(subscription, SubscriptionValidator.ParseFilter(subscription.Filter));
        lock (gate)
        {
            if (!subscriptions.TryAdd(name, runtime))
            {
                throw GoogleErrorException.AlreadyExists("Subscription already exists.");
            }
        }

        await Store.WriteAsync(c => c.PutSubscription(name, PubSubStore.ToJson(subscription)));
        SubscriptionCreated?.Invoke(runtime);
        return subscription;
    }

    public SubscriptionResource GetSubscription(string name) => Runtime(name).Config;

    public IReadOnlyList<SubscriptionResource> ListSubscriptions(string project) =>
        Subscriptions.Where(s => s.Name.StartsWith($"projects/{project}/", StringComparison.Ordinal)).Select(s => s.Config).ToList();

    public async Task DeleteSubscriptionAsync(string name)
    {
        SubscriptionRuntime? runtime;
        lock (gate)
        {
            if (!subscriptions.TryRemove(name, out runtime))
            {
                throw ResourceNames.NotFound(name);
            }
        }

        runtime.MarkDeleted();
        SubscriptionDeleted?.Invoke(runtime);
        await Store.WriteAsync(c => c.DeleteSubscription(name));
    }

    /// <summary>PATCH with an update mask; <c>filter</c> and <c>topic</c> cannot change.</summary>
    public async Task<SubscriptionResource> UpdateSubscriptionAsync(string name, SubscriptionResource patch, string? updateMask)
    {
        var runtime = Runtime(name);
        var paths = (updateMask ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (paths.Length == 0)
        {
            throw GoogleErrorException.InvalidArgument("updateMask must name at least one field.");
        }

        var updated = Clone(runtime.Config);
        foreach (var path in paths)
        {
            switch (path)
            {
                case "pushConfig" or "push_config": updated.PushConfig = patch.PushConfig; break;
                case "ackDeadlineSeconds" or "ack_deadline_seconds": updated.AckDeadlineSeconds = patch.AckDeadlineSeconds; break;
                case "retryPolicy" or "retry_policy": updated.RetryPolicy = patch.RetryPolicy; break;
                case "deadLetterPolicy" or "dead_letter_policy": updated.DeadLetterPolicy = patch.DeadLetterPolicy; break;
                case "messageRetentionDuration" or "message_retention_duration": updated.MessageRetentionDuration = patch.MessageRetentionDuration; break;
                case "labels": updated.Labels = patch.Labels; break;
                default: throw GoogleErrorException.InvalidArgument($"Field '{path}' of a subscription cannot be updated.");
            }
        }

        SubscriptionValidator.Normalize(updated);
        if (updated.DeadLetterPolicy?.DeadLetterTopic is { } deadLetterTopic)
        {
            RequireTopic(deadLetterTopic);
        }

        await Store.WriteAsync(c => c.PutSubscription(name, PubSubStore.ToJson(updated)));
        runtime.UpdateConfig(updated);
        return updated;
    }

    public Task ModifyPushConfigAsync(string name, PushConfig? pushConfig) =>
        UpdateSubscriptionAsync(name, new SubscriptionResource { PushConfig = pushConfig }, "pushConfig");

    /// <exception cref="GoogleErrorException">NOT_FOUND.</exception>
    public SubscriptionRuntime Runtime(string name) =>
        subscriptions.TryGetValue(name, out var runtime) ? runtime : throw ResourceNames.NotFound(name);

    private void RequireTopic(string topic)
    {
        if (!topics.ContainsKey(topic))
        {
            throw ResourceNames.NotFound(topic);
        }
    }

    private static SubscriptionResource Clone(SubscriptionResource s) =>
        JsonSerializer.Deserialize<SubscriptionResource>(JsonSerializer.Serialize(s, PubSubJson.Options), PubSubJson.Options)!;
}
