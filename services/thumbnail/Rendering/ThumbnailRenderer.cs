using PicADaily.Imaging;

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using SixLabors.ImageSharp.Processing.Processors.Transforms;

namespace PicADaily.Thumbnail.Rendering;

/// <summary>
/// Makes the gallery thumbnail: exactly 400×400, the picture scaled to cover the square and cropped
/// around its centre, upright, in the source's format and with no metadata (no GPS leaves with it).
/// </summary>
public sealed class ThumbnailRenderer(SafeImageLoader loader)
{
    public const int Side = 400;

    /// <summary>Box averages every source pixel under each output pixel: at the 5–10× reductions photos need it is as sharp as bicubic and quicker.</summary>
    private static readonly IResampler Sampler = KnownResamplers.Box;

    private static readonly ResizeOptions CoverCrop = new()
    {
        Size = new Size(Side, Side),
        Mode = ResizeMode.Crop,
        Position = AnchorPositionMode.Center,
        Sampler = Sampler,
    };

    /// <summary>Without alpha, premultiplying is two passes over every source pixel that change nothing.</summary>
    private static readonly ResizeOptions OpaqueCoverCrop = new()
    {
        Size = CoverCrop.Size,
        Mode = CoverCrop.Mode,
        Position = CoverCrop.Position,
        Sampler = CoverCrop.Sampler,
        PremultiplyAlpha = false,
    };

    /// <exception cref="ImageRejectedException">The source will never make a thumbnail.</exception>
    public Task<EncodedPicture> RenderAsync(ReadOnlyMemory<byte> source, CancellationToken ct) =>
        SafeImageLoader.DetectFormat(source.Span) switch
        {
            // A JPEG has no alpha: three bytes a pixel instead of four is less memory to fill and to read.
            PictureFormat.Jpeg => RenderAsync<Rgb24>(source, PictureFormat.Jpeg, ct),
            { } format => RenderAsync<Rgba32>(source, format, ct),

            // The loader refuses it with the precise reason.
            null => RenderAsync<Rgba32>(source, PictureFormat.Png, ct),
        };

    private async Task<EncodedPicture> RenderAsync<TPixel>(ReadOnlyMemory<byte> source, PictureFormat format, CancellationToken ct)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        // The loader resizes inside its time limit and before turning an EXIF-rotated photo upright,
        // so the rotation moves 400×400 pixels instead of all of them.
        var resize = typeof(TPixel) == typeof(Rgb24) ? OpaqueCoverCrop : CoverCrop;
        using var image = await loader.LoadAsync<TPixel>(source, resize, ct);
        ct.ThrowIfCancellationRequested();
        return PictureEncoder.Encode(image, format);
    }
}
