namespace PicADaily.Imaging;

/// <summary>The stable reason codes a rejected picture is reported with (processing.failed, upload answers).</summary>
public static class ImageRejectionCodes
{
    public static string ToCode(this ImageRejectionReason reason) => reason switch
    {
        ImageRejectionReason.Empty => "empty",
        ImageRejectionReason.TooLarge => "too-large",
        ImageRejectionReason.UnsupportedFormat => "unsupported-format",
        ImageRejectionReason.Corrupt => "corrupt",
        ImageRejectionReason.TooManyPixels => "too-many-pixels",
        ImageRejectionReason.Timeout => "timeout",
        _ => "rejected",
    };
}
