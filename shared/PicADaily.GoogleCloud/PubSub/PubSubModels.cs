using System.Text.Json.Serialization;

using PicADaily.GoogleCloud.Http;

namespace PicADaily.GoogleCloud.PubSub;

/// <summary>A Pub/Sub topic (<c>name</c> = <c>projects/{p}/topics/{t}</c>).</summary>
public sealed record PubSubTopic(string Name, IReadOnlyDictionary<string, string>? Labels = null);

/// <summary>
/// A subscription as on the wire (Pub/Sub REST v1). On create, <see cref="Topic"/> may be a bare
/// topic id; the client qualifies it with the project. Null members are not sent.
/// </summary>
public sealed record PubSubSubscription
{
    /// <summary><c>projects/{p}/subscriptions/{s}</c>; output only on create.</summary>
    public string? Name { get; init; }
    /// <summary><c>projects/{p}/topics/{t}</c> (or a bare topic id on create). Immutable.</summary>
    public string? Topic { get; init; }
    /// <summary>Push delivery; null for a pull subscription.</summary>
    public PushConfig? PushConfig { get; init; }
    /// <summary>10–600; for push it is also the HTTP timeout.</summary>
    public int? AckDeadlineSeconds { get; init; }
    /// <summary>How long unacknowledged messages are kept (default 7 days).</summary>
    [JsonConverter(typeof(DurationJsonConverter))]
    public TimeSpan? MessageRetentionDuration { get; init; }
    /// <summary>Backoff for NACKs and deadline expiries.</summary>
    public RetryPolicy? RetryPolicy { get; init; }
    /// <summary>Where messages go after too many delivery attempts.</summary>
    public DeadLetterPolicy? DeadLetterPolicy { get; init; }
    /// <summary>Attribute filter; non-matching messages are auto-acked. Immutable.</summary>
    public string? Filter { get; init; }
    /// <summary>Ordered delivery per ordering key. Immutable.</summary>
    public bool? EnableMessageOrdering { get; init; }
    /// <summary>Inactivity expiry; <c>new ExpirationPolicy(null)</c> (sent as <c>{}</c>) means never expire.</summary>
    public ExpirationPolicy? ExpirationPolicy { get; init; }
    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

/// <summary>Push delivery settings.</summary>
/// <param name="PushEndpoint">The URL Pub/Sub POSTs each message to.</param>
/// <param name="OidcToken">When set, Pub/Sub sends <c>Authorization: Bearer &lt;JWT&gt;</c> signed for this identity.</param>
/// <param name="NoWrapper">When set, the body is the raw data (no JSON envelope).</param>
public sealed record PushConfig(string PushEndpoint, OidcToken? OidcToken = null, NoWrapper? NoWrapper = null)
{
    /// <summary>Push attributes such as <c>x-goog-version</c>; rarely needed.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>The identity and audience of the push JWT.</summary>
public sealed record OidcToken(string ServiceAccountEmail, string? Audience = null);

/// <summary>Unwrapped push; <paramref name="WriteMetadata"/> puts message metadata in <c>x-goog-pubsub-*</c> headers.</summary>
public sealed record NoWrapper(bool WriteMetadata);

/// <summary>Exponential redelivery backoff (0–600 s each).</summary>
public sealed record RetryPolicy(
    [property: JsonConverter(typeof(DurationJsonConverter))] TimeSpan? MinimumBackoff,
    [property: JsonConverter(typeof(DurationJsonConverter))] TimeSpan? MaximumBackoff);

/// <summary>Dead-lettering: <paramref name="DeadLetterTopic"/> is a full topic name (a bare id is qualified by the client); attempts 5–100.</summary>
public sealed record DeadLetterPolicy(string DeadLetterTopic, int MaxDeliveryAttempts);

/// <summary>Subscription expiry; a null <paramref name="Ttl"/> means never expire.</summary>
public sealed record ExpirationPolicy([property: JsonConverter(typeof(DurationJsonConverter))] TimeSpan? Ttl);
