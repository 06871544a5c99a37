using System.Globalization;
using PicADaily.Imaging;
using PicADaily.Imaging.Colors;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace PicADaily.ImageAnalysis.Analysis;

/// <summary>
/// Reads the upload through the safe loader (a poison picture fails here, with its reason, before
/// any paid call) and shrinks it for Vision when it is large: labels and colours need no more than
/// ~1,000 pixels a side, and a small JPEG keeps the request far below Vision's 10 MB limit whatever
/// was uploaded. A picture that is already small (sides and bytes) is sent as uploaded; one small in
/// sides but heavy in bytes is re-encoded at its own size, never enlarged. With <see cref="ColourSource.Local"/>
/// the dominant colour is computed here, from the pixels already decoded and shrunk for Vision (no
/// second decode), with the algorithm LocalCloud's Vision stand-in uses for IMAGE_PROPERTIES.
/// The loader shrinks the picture before turning it upright, so the only full-size pixels are the decode's
/// own (a 48 MP photo: 144 MB as Rgb24), never a second full-size copy for the EXIF rotation.
/// </summary>
public sealed class VisionInputPreparer(SafeImageLoader loader, ColourSource colour)
{
    public const int MaxSide = 1024;
    public const int MaxVerbatimBytes = 4 * 1024 * 1024;

    public VisionInputPreparer(SafeImageLoader loader)
        : this(loader, ColourSource.Local)
    {
    }

    public ColourSource Colour => colour;

    private static readonly ResizeOptions ShrinkForVision = new() { Size = new Size(MaxSide, MaxSide), Mode = ResizeMode.Max };

    /// <exception cref="ImageRejectedException">The upload is not a picture we accept.</exception>
    public Task<VisionInput> PrepareAsync(ReadOnlyMemory<byte> upload, CancellationToken cancellationToken) =>

        // A JPEG has no alpha: three bytes a pixel instead of four, a quarter less memory for the decode.
        SafeImageLoader.DetectFormat(upload.Span) == PictureFormat.Jpeg
            ? PrepareAsync<Rgb24>(upload, cancellationToken)
            : PrepareAsync<Rgba32>(upload, cancellationToken);

    private async Task<VisionInput> PrepareAsync<TPixel>(ReadOnlyMemory<byte> upload, CancellationToken cancellationToken)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        // Set on the decode's thread, read after the await (which orders the two).
        var large = false;
        using var image = await loader.LoadAsync<TPixel>(
            upload,
            upright =>
            {
                large = upright.Width > MaxSide || upright.Height > MaxSide;
                return large ? ShrinkForVision : null;
            },
            cancellationToken);
        var features = AnalysisRules.FeaturesFor(colour);
        if (!large && upload.Length <= MaxVerbatimBytes)
        {
            return new VisionInput(upload.ToArray(), features, LocalColourOf(image));
        }

        return new VisionInput(PictureEncoder.Encode(image, PictureFormat.Jpeg).Content, features, LocalColourOf(image));
    }

    private string? LocalColourOf(Image image)
    {
        if (colour != ColourSource.Local)
        {
            return null;
        }

        // Sorted by score, highest first: the one Vision's answer would have put first.
        var top = DominantColors.OfPicture(image).FirstOrDefault();
        return top is null ? null : string.Create(CultureInfo.InvariantCulture, $"#{top.Red:x2}{top.Green:x2}{top.Blue:x2}");
    }
}
