using CloudNative.CloudEvents;

namespace PicADaily.Contracts.Decoding;

/// <summary>A well-formed CloudEvent of a type this system does not know; endpoints acknowledge and ignore it.</summary>
public sealed record OtherCloudEvent : InboundEvent
{
    public required CloudEvent CloudEvent { get; init; }
}
