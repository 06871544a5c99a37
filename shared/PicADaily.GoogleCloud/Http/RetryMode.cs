namespace PicADaily.GoogleCloud.Http;

/// <summary>Whether a call may be repeated after a transient failure.</summary>
internal enum RetryMode
{
    /// <summary>Sent once: repeating it could apply it twice or turn a success into a misleading 412/409.</summary>
    Never,
    /// <summary>Repeated with backoff on transient failures: reads, and writes whose repetition is harmless.</summary>
    OnTransientFailure,
}
