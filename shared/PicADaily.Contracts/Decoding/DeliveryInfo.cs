namespace PicADaily.Contracts.Decoding;

/// <summary>How an event was delivered: useful for logs, retries and tracing, never for identity.</summary>
/// <param name="Mode">The outer shape of the delivery.</param>
/// <param name="MessageId">The Pub/Sub message id, when it came through Pub/Sub.</param>
/// <param name="Subscription">The full subscription name, when known.</param>
/// <param name="DeliveryAttempt">1-based attempt count; only sent when the subscription has a dead-letter policy.</param>
/// <param name="TraceParent">W3C traceparent carried by the event itself (CloudEvents distributed-tracing extension).</param>
/// <param name="DeadLetter">Set when the message was forwarded to a dead-letter topic.</param>
public sealed record DeliveryInfo(
    DeliveryMode Mode,
    string? MessageId = null,
    string? Subscription = null,
    int? DeliveryAttempt = null,
    string? TraceParent = null,
    DeadLetterInfo? DeadLetter = null);

/// <summary>What Pub/Sub adds when it forwards a message to a dead-letter topic.</summary>
public sealed record DeadLetterInfo(string? SourceSubscription, int? SourceDeliveryCount);
