using PicADaily.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace PicADaily.LocalCloud.Vision;

/// <summary>
/// An untrusted picture loaded through PicADaily.Imaging's <see cref="SafeImageLoader"/> (JPEG, PNG,
/// WebP, GIF first frame; identify first; caps; time limit) and scaled to at most
/// <see cref="AnalysisSize"/> px on its long side, which is all colour analysis needs.
/// </summary>
public sealed class AnalysisPicture : IDisposable
{
    public const int AnalysisSize = 128;

    /// <summary>Cloud Vision's own limit for one image file.</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    private static readonly SafeImageLoader Loader = new(ImageLimits.Default with { MaxBytes = MaxBytes });

    private AnalysisPicture(Image<Rgb24> small, int width, int height)
    {
        Small = small;
        Width = width;
        Height = height;
    }

    public Image<Rgb24> Small { get; }

    /// <summary>Upright size of the original picture.</summary>
    public int Width { get; }

    public int Height { get; }

    /// <summary>Vision's INVALID_ARGUMENT for a picture it cannot read.</summary>
    public static GoogleErrorException BadImageData(string reason) => GoogleErrorException.InvalidArgument($"Bad image data: {reason}.");

    /// <exception cref="GoogleErrorException">Bad image data, with the loader's reason.</exception>
    public static async Task<AnalysisPicture> LoadAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        Image<Rgb24> image;
        try
        {
            image = await Loader.LoadAsync<Rgb24>(bytes, cancellationToken);
        }
        catch (ImageRejectedException rejected)
        {
            throw BadImageData(rejected.Message);
        }

        var (width, height) = (image.Width, image.Height);
        var scale = Math.Min(1.0, (double)AnalysisSize / Math.Max(width, height));
        try
        {
            if (scale < 1.0)
            {
                image.Mutate(x => x.Resize(Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)), KnownResamplers.Box));
            }

            return new AnalysisPicture(image, width, height);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    public void Dispose() => Small.Dispose();
}
