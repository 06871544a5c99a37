using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;

namespace PicADaily.Imaging;

/// <summary>Writes pictures in one of the accepted formats, always without metadata.</summary>
public static class PictureEncoder
{
    private static readonly JpegEncoder Jpeg = new() { Quality = 85 };
    private static readonly PngEncoder Png = new() { IgnoreMetadata = true };
    private static readonly WebpEncoder WebP = new() { FileFormat = WebpFileFormatType.Lossy, Quality = 80 };
    private static readonly GifEncoder Gif = new();

    public static IImageEncoder EncoderFor(PictureFormat format) => format switch
    {
        PictureFormat.Jpeg => Jpeg,
        PictureFormat.Png => Png,
        PictureFormat.WebP => WebP,
        PictureFormat.Gif => Gif,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a supported picture format"),
    };

    /// <summary>Strips the picture's metadata, then writes it to <paramref name="destination"/>.</summary>
    public static async Task SaveAsync(Image image, Stream destination, PictureFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        PictureMetadata.Strip(image);
        await image.SaveAsync(destination, EncoderFor(format), cancellationToken);
    }

    /// <summary>Strips the picture's metadata and encodes it in memory.</summary>
    public static EncodedPicture Encode(Image image, PictureFormat format)
    {
        ArgumentNullException.ThrowIfNull(image);
        PictureMetadata.Strip(image);
        using var buffer = new MemoryStream();
        image.Save(buffer, EncoderFor(format));
        return new EncodedPicture(buffer.ToArray(), format);
    }
}
