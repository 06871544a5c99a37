namespace PicADaily.Contracts.Decoding;

/// <summary>A received Pub/Sub message, as lifted out of any delivery shape.</summary>
internal sealed record PubSubMessageParts(
    ReadOnlyMemory<byte> Data,
    IReadOnlyDictionary<string, string> Attributes,
    string? MessageId,
    DateTimeOffset? PublishTime);
