using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace PicADaily.LocalCloud.Vision;

/// <summary>
/// Decodes untrusted bytes safely into a small RGB picture for colour analysis: only JPEG, PNG,
/// WebP and GIF (first frame) are known to the decoder; the header is identified before any pixel is
/// decoded; byte and pixel counts are capped; decoding has a time limit.
/// (Should move to shared/PicADaily.Imaging's SafeImageLoader once that exists.)
/// </summary>
public static class SafeImageDecoder
{
    public const int MaxBytes = 20 * 1024 * 1024;
    public const long MaxPixels = 100_000_000;
    public const int AnalysisSize = 128;
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(20);

    private static readonly Configuration Formats = CreateConfiguration();

    /// <summary>The decoded picture scaled to at most <see cref="AnalysisSize"/> px on its long side, and its original size.</summary>
    public sealed record Decoded(Image<Rgb24> Small, int Width, int Height) : IDisposable
    {
        public void Dispose() => Small.Dispose();
    }

    public static async Task<Decoded> DecodeAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        if (bytes.Length == 0)
        {
            throw ImageRejectedException.BadImageData("the image is empty");
        }

        if (bytes.Length > MaxBytes)
        {
            throw ImageRejectedException.BadImageData($"the image has {bytes.Length} bytes; at most {MaxBytes} are accepted");
        }

        IImageInfo? info;
        try
        {
            info = Image.Identify(Formats, bytes, out _);
        }
        catch (Exception error) when (error is ImageFormatException or InvalidDataException)
        {
            throw ImageRejectedException.BadImageData($"the image header is invalid ({error.Message})");
        }

        if (info is null)
        {
            throw ImageRejectedException.BadImageData("the format is not recognised; JPEG, PNG, WebP and GIF are accepted");
        }

        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxPixels)
        {
            throw ImageRejectedException.BadImageData($"the image is {info.Width}x{info.Height} pixels; at most {MaxPixels} pixels are accepted");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeLimit);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var image = await Image.LoadAsync<Rgb24>(Formats, stream, deadline.Token).WaitAsync(deadline.Token);
            var scale = Math.Min(1.0, (double)AnalysisSize / Math.Max(image.Width, image.Height));
            if (scale < 1.0)
            {
                image.Mutate(x => x.Resize(Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale)), KnownResamplers.Box));
            }

            return new Decoded(image, info.Width, info.Height);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw ImageRejectedException.BadImageData($"decoding took longer than {TimeLimit.TotalSeconds:0} s");
        }
        catch (Exception error) when (error is ImageFormatException or InvalidDataException or NotSupportedException)
        {
            throw ImageRejectedException.BadImageData($"the image data is corrupt ({error.Message})");
        }
    }

    private static Configuration CreateConfiguration()
    {
        // Only the four web formats: no TIFF, BMP, TGA or PBM decoders to attack.
        var configuration = new Configuration(new JpegConfigurationModule(), new PngConfigurationModule(), new WebpConfigurationModule(), new GifConfigurationModule());
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        return configuration;
    }
}
