using System.Diagnostics.CodeAnalysis;

namespace PicADaily.Contracts.Decoding;

/// <summary>The outcome of decoding one delivery: an event, or an error saying what is wrong with the input.</summary>
public sealed class DecodeResult
{
    private DecodeResult(InboundEvent? inboundEvent, string? error)
    {
        Event = inboundEvent;
        Error = error;
    }

    public InboundEvent? Event { get; }

    /// <summary>A message naming what is wrong, e.g. "missing ce-id" or "message.data is not valid base64".</summary>
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Event))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Event is not null;

    public static DecodeResult Success(InboundEvent inboundEvent) => new(inboundEvent, null);

    public static DecodeResult Failure(string error) => new(null, error);
}
