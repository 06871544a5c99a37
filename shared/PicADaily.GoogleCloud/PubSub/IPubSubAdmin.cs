namespace PicADaily.GoogleCloud.PubSub;

/// <summary>Topic and subscription management, for provisioning.</summary>
public interface IPubSubAdmin
{
    /// <summary>The full name <c>projects/{p}/topics/{topicId}</c>.</summary>
    string TopicName(string topicId);

    /// <summary>The full name <c>projects/{p}/subscriptions/{subscriptionId}</c>.</summary>
    string SubscriptionName(string subscriptionId);

    /// <summary>Creates the topic; AlreadyExists when it exists.</summary>
    Task<PubSubTopic> CreateTopicAsync(string topicId, CancellationToken cancellationToken);

    /// <summary>Creates the topic, or returns the existing one.</summary>
    Task<PubSubTopic> EnsureTopicAsync(string topicId, CancellationToken cancellationToken);

    /// <summary>The topic, or null when it does not exist.</summary>
    Task<PubSubTopic?> GetTopicAsync(string topicId, CancellationToken cancellationToken);

    /// <summary>All topics of the project.</summary>
    Task<IReadOnlyList<PubSubTopic>> ListTopicsAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the topic; NotFound when it does not exist.</summary>
    Task DeleteTopicAsync(string topicId, CancellationToken cancellationToken);

    /// <summary>Creates the subscription; AlreadyExists when it exists.</summary>
    Task<PubSubSubscription> CreateSubscriptionAsync(string subscriptionId, PubSubSubscription subscription, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the subscription, or returns the existing one unchanged (compare and
    /// <see cref="PatchSubscriptionAsync"/> if its settings must converge).
    /// </summary>
    Task<PubSubSubscription> EnsureSubscriptionAsync(string subscriptionId, PubSubSubscription subscription, CancellationToken cancellationToken);

    /// <summary>The subscription, or null when it does not exist.</summary>
    Task<PubSubSubscription?> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken);

    /// <summary>
    /// Updates the fields named in <paramref name="updateMask"/> (lowerCamelCase paths such as
    /// <c>pushConfig</c>, <c>retryPolicy</c>, <c>deadLetterPolicy</c>, <c>ackDeadlineSeconds</c>).
    /// </summary>
    Task<PubSubSubscription> PatchSubscriptionAsync(string subscriptionId, PubSubSubscription changes, IReadOnlyList<string> updateMask, CancellationToken cancellationToken);

    /// <summary>All subscriptions of the project.</summary>
    Task<IReadOnlyList<PubSubSubscription>> ListSubscriptionsAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the subscription; NotFound when it does not exist.</summary>
    Task DeleteSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken);
}
