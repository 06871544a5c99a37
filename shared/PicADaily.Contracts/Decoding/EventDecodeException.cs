namespace PicADaily.Contracts.Decoding;

/// <summary>Raised inside the decoder for input it cannot accept; surfaces as a <see cref="DecodeResult"/> error, never to callers.</summary>
public sealed class EventDecodeException : Exception
{
    public EventDecodeException(string message)
        : base(message)
    {
    }

    public EventDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EventDecodeException()
    {
    }
}
