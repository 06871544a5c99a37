namespace PicADaily.Imaging;

/// <summary>Caps enforced before any pixel is decoded, and the time allowed for identify plus decode.</summary>
public sealed record ImageLimits(long MaxBytes, long MaxPixels, int MaxDimension, TimeSpan DecodeTimeout)
{
    /// <summary>50 MB, 100 megapixels, 20,000 pixels a side, 10 seconds.</summary>
    public static ImageLimits Default { get; } = new(
        MaxBytes: 50L * 1024 * 1024,
        MaxPixels: 100_000_000,
        MaxDimension: 20_000,
        DecodeTimeout: TimeSpan.FromSeconds(10));
}
