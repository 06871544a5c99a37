namespace PicADaily.Contracts.Decoding;

/// <summary>
/// An event as a handler sees it, whatever the delivery shape. <see cref="Type"/> is the dispatch
/// key (a CloudEvent type; storage notifications map to the Eventarc storage types).
/// </summary>
public abstract record InboundEvent
{
    /// <summary>The event id: <c>ce-id</c>, or the Pub/Sub message id for plain messages and notifications.</summary>
    public required string Id { get; init; }

    public required string Type { get; init; }

    /// <summary>For picture events, the object name.</summary>
    public string? Subject { get; init; }

    public DateTimeOffset? Time { get; init; }

    public required DeliveryInfo Delivery { get; init; }

    /// <summary>The object name this event concerns, for logs ("-" when none).</summary>
    public virtual string ObjectName => Subject ?? "-";

    /// <summary>The generation this event concerns, for logs (0 when none).</summary>
    public virtual long ObjectGeneration => 0;
}
