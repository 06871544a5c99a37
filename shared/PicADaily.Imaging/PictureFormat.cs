namespace PicADaily.Imaging;

/// <summary>The only picture formats Pic-a-Daily accepts, decodes and writes.</summary>
public enum PictureFormat
{
    Jpeg,
    Png,
    WebP,
    Gif,
}

/// <summary>Facts about each accepted format.</summary>
public static class PictureFormats
{
    /// <summary>The media type served for pictures of this format.</summary>
    public static string ContentType(this PictureFormat format) => format switch
    {
        PictureFormat.Jpeg => "image/jpeg",
        PictureFormat.Png => "image/png",
        PictureFormat.WebP => "image/webp",
        PictureFormat.Gif => "image/gif",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a supported picture format"),
    };
}
