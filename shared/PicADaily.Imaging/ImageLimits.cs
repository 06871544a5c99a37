namespace PicADaily.Imaging;

/// <summary>
/// Caps enforced before any pixel is decoded, and the time one decode (identify, decode, resize) may take.
/// <see cref="DecodeTimeout"/> is CPU time of the decoding thread, counted from when the decode leaves
/// the queue for a slot, so a picture is judged by the work it needs, not by how busy the machine is.
/// </summary>
public sealed record ImageLimits(long MaxBytes, long MaxPixels, int MaxDimension, TimeSpan DecodeTimeout)
{
    private readonly TimeSpan? decodeWallTimeout;

    /// <summary>50 MB, 100 megapixels, 20,000 pixels a side, 10 seconds of CPU (30 seconds of wall clock).</summary>
    public static ImageLimits Default { get; } = new(
        MaxBytes: 50L * 1024 * 1024,
        MaxPixels: 100_000_000,
        MaxDimension: 20_000,
        DecodeTimeout: TimeSpan.FromSeconds(10));

    /// <summary>
    /// The wall-clock ceiling of one decode (default three times <see cref="DecodeTimeout"/>). Reached
    /// with less CPU than <see cref="DecodeTimeout"/> used, the machine was too busy to judge the picture:
    /// the decode is deferred (<see cref="DecodeDeferredException"/>), not refused.
    /// </summary>
    public TimeSpan DecodeWallTimeout
    {
        get => decodeWallTimeout ?? DecodeTimeout * 3;
        init => decodeWallTimeout = value;
    }
}
