namespace PicADaily.Contracts.Decoding;

/// <summary>
/// A plain Pub/Sub message that is neither a storage notification nor a CloudEvent, e.g. a
/// Cloud Scheduler tick. Its <see cref="InboundEvent.Type"/> is
/// <see cref="Events.EventTypes.PubSubMessagePublished"/>.
/// </summary>
public sealed record PubSubMessageEvent : InboundEvent
{
    public required ReadOnlyMemory<byte> Data { get; init; }

    public required IReadOnlyDictionary<string, string> Attributes { get; init; }
}
