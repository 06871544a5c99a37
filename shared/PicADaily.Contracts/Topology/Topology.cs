namespace PicADaily.Contracts.Topology;

/// <summary>
/// The declared choreography (<c>infra/topology.json</c>): buckets, bucket notifications, topics,
/// push subscriptions, schedules, and which event types each service handles and publishes.
/// Names are short ids resolved inside <see cref="ProjectId"/>.
/// The provisioner applies it everywhere (and prints it for the Google Cloud scripts); LocalCloud
/// runs its schedules and the frontend draws it.
/// </summary>
public sealed record Topology(
    string ProjectId,
    IReadOnlyList<string> Buckets,
    IReadOnlyList<BucketNotification> Notifications,
    IReadOnlyList<string> Topics,
    IReadOnlyList<PushSubscription> Subscriptions,
    IReadOnlyList<ScheduledJob> Schedules,
    IReadOnlyList<ServiceDeclaration>? Services = null)
{
    /// <summary>The service declarations; empty when the document has none.</summary>
    public IReadOnlyList<ServiceDeclaration> DeclaredServices => Services ?? [];
}

/// <summary>A Cloud Storage → Pub/Sub notification config (empty <see cref="EventTypes"/> = all types).</summary>
public sealed record BucketNotification(string Bucket, string Topic, IReadOnlyList<string> EventTypes, string PayloadFormat);

/// <summary>
/// A push subscription delivering <see cref="Topic"/> to <see cref="Path"/> of the service named
/// <see cref="Service"/> (the endpoint's base address comes from the environment, not from here).
/// </summary>
public sealed record PushSubscription(
    string Name,
    string Topic,
    string Service,
    string Path,
    int AckDeadlineSeconds,
    SubscriptionRetryPolicy? RetryPolicy,
    SubscriptionDeadLetterPolicy? DeadLetterPolicy,
    string? Filter);

/// <summary>Exponential redelivery backoff; durations in proto JSON form (<c>"10s"</c>, <c>"0.5s"</c>).</summary>
public sealed record SubscriptionRetryPolicy(string MinimumBackoff, string MaximumBackoff);

/// <summary>Forward to <see cref="DeadLetterTopic"/> after <see cref="MaxDeliveryAttempts"/> (5–100) failed deliveries.</summary>
public sealed record SubscriptionDeadLetterPolicy(string DeadLetterTopic, int MaxDeliveryAttempts);

/// <summary>
/// A Cloud Scheduler job with a Pub/Sub target. <see cref="Schedule"/> is unix-cron (5 fields, or 6
/// with seconds first); <see cref="Data"/> is the message body as UTF-8 text.
/// </summary>
public sealed record ScheduledJob(
    string Name,
    string Schedule,
    string? TimeZone,
    string Topic,
    string? Data,
    IReadOnlyDictionary<string, string>? Attributes);

/// <summary>
/// What one service reacts to and what it sends. <see cref="Handles"/> must equal both the handlers the
/// service registers and what its subscriptions deliver (<see cref="ChoreographyCheck"/>).
/// </summary>
public sealed record ServiceDeclaration(string Name, IReadOnlyList<string> Handles, IReadOnlyList<PublishedEvents>? Publishes);

/// <summary>Event types a service publishes to <see cref="Topic"/>.</summary>
public sealed record PublishedEvents(string Topic, IReadOnlyList<string> EventTypes);
