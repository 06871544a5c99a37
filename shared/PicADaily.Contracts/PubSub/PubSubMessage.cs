namespace PicADaily.Contracts.PubSub;

/// <summary>
/// A Pub/Sub message as published (before Pub/Sub assigns an id and publish time):
/// raw data bytes and string attributes.
/// </summary>
public sealed record PubSubMessage(ReadOnlyMemory<byte> Data, IReadOnlyDictionary<string, string> Attributes);
