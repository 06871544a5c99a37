using System.Globalization;
using PicADaily.Imaging;
using PicADaily.Imaging.Colors;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;

namespace PicADaily.ImageAnalysis.Analysis;

/// <summary>
/// Reads the upload through the safe loader (a poison picture fails here, with its reason, before
/// any paid call) and shrinks it for Vision when it is large: labels and colours need no more than
/// ~1,000 pixels a side, and a small JPEG keeps the request far below Vision's 10 MB limit whatever
/// was uploaded. A picture that is already small is sent as uploaded. With <see cref="ColourSource.Local"/>
/// the dominant colour is computed here, from the pixels already decoded and shrunk for Vision (no
/// second decode), with the algorithm LocalCloud's Vision stand-in uses for IMAGE_PROPERTIES.
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

    /// <exception cref="ImageRejectedException">The upload is not a picture we accept.</exception>
    public async Task<VisionInput> PrepareAsync(ReadOnlyMemory<byte> upload, CancellationToken cancellationToken)
    {
        using var image = await loader.LoadAsync(upload, cancellationToken);
        var features = AnalysisRules.FeaturesFor(colour);
        if (image.Width <= MaxSide && image.Height <= MaxSide && upload.Length <= MaxVerbatimBytes)
        {
            return new VisionInput(upload.ToArray(), features, LocalColourOf(image));
        }

        image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(MaxSide, MaxSide), Mode = ResizeMode.Max }));
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
