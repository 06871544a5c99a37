using BenchmarkDotNet.Attributes;

using PicADaily.Imaging;
using PicADaily.Thumbnail.Rendering;

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using SixLabors.ImageSharp.Processing.Processors.Transforms;

namespace PicADaily.Benchmarks;

/// <summary>
/// P1: a 400×400 cover-crop thumbnail of a 12 MP (4000×3000) JPEG, encode included. libvips is the
/// reference (it shrinks while decoding); the product path is <see cref="ThumbnailRenderer"/>.
/// </summary>
public class ThumbnailBenchmarks
{
    private static readonly ResizeOptions BoxCoverCrop = new()
    {
        Size = new Size(ThumbnailRenderer.Side, ThumbnailRenderer.Side),
        Mode = ResizeMode.Crop,
        Position = AnchorPositionMode.Center,
        Sampler = KnownResamplers.Box,
        PremultiplyAlpha = false,
    };

    private byte[] photo = [];
    private SafeImageLoader loader = null!;
    private ThumbnailRenderer renderer = null!;

    public byte[] Photo => photo;

    [GlobalSetup]
    public void Setup()
    {
        photo = TestPhoto.Jpeg(4000, 3000);
        loader = new SafeImageLoader(ImageLimits.Default);
        renderer = new ThumbnailRenderer(loader);

        // Otherwise libvips answers repeated identical calls from its operation cache.
        NetVips.Cache.Max = 0;
        NetVips.Cache.MaxMem = 0;
        NetVips.Cache.MaxFiles = 0;
    }

    [Benchmark(Baseline = true, Description = "libvips ThumbnailBuffer 400x400 crop + JPEG q85")]
    public byte[] LibVips()
    {
        using var thumbnail = NetVips.Image.ThumbnailBuffer(photo, ThumbnailRenderer.Side, height: ThumbnailRenderer.Side, crop: NetVips.Enums.Interesting.Centre);
        return thumbnail.JpegsaveBuffer(q: 85, keep: NetVips.Enums.ForeignKeep.None);
    }

    [Benchmark(Description = "ImageSharp ThumbnailRenderer (Rgb24, Box)")]
    public byte[] ImageSharpRenderer() => renderer.RenderAsync(photo, CancellationToken.None).GetAwaiter().GetResult().Content;

    [Benchmark(Description = "ImageSharp Box cover crop + JPEG q85, the renderer before issue 15")]
    public byte[] ImageSharpBoxAsBefore()
    {
        using var image = loader.LoadAsync<Rgb24>(photo, BoxCoverCrop, CancellationToken.None).GetAwaiter().GetResult();
        return PictureEncoder.Encode(image, PictureFormat.Jpeg).Content;
    }

    /// <summary>libvips's thumbnail before any encoding: the reference the quality figures compare with.</summary>
    public (byte[] Rgb, int Width, int Height) LibVipsPixels()
    {
        using var thumbnail = NetVips.Image.ThumbnailBuffer(photo, ThumbnailRenderer.Side, height: ThumbnailRenderer.Side, crop: NetVips.Enums.Interesting.Centre);
        using var rgb = thumbnail.Bands == 3 ? thumbnail.Copy() : thumbnail.ExtractBand(0, 3);
        return (rgb.WriteToMemory<byte>(), rgb.Width, rgb.Height);
    }

    [Benchmark(Description = "ImageSharp same path, Bicubic")]
    public byte[] ImageSharpBicubic() => ResizeWith(KnownResamplers.Bicubic);

    [Benchmark(Description = "ImageSharp decode only (the floor)")]
    public int ImageSharpDecodeOnly()
    {
        using var image = loader.LoadAsync<Rgb24>(photo, CancellationToken.None).GetAwaiter().GetResult();
        return image.Width;
    }

    private byte[] ResizeWith(IResampler sampler)
    {
        using var image = loader.LoadAsync<Rgb24>(photo, CancellationToken.None).GetAwaiter().GetResult();
        image.Mutate(x => x.Resize(new ResizeOptions
        {
            Size = new Size(ThumbnailRenderer.Side, ThumbnailRenderer.Side),
            Mode = ResizeMode.Crop,
            Sampler = sampler,
        }));
        return PictureEncoder.Encode(image, PictureFormat.Jpeg).Content;
    }
}
