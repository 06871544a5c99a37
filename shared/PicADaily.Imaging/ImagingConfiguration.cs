using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;

namespace PicADaily.Imaging;

/// <summary>
/// An ImageSharp configuration that knows only JPEG, PNG, WebP and GIF: 2.1.13 has unfixed flaws in its
/// TIFF and BMP code, so those decoders must not even be reachable.
/// </summary>
internal static class ImagingConfiguration
{
    private const int Megabyte = 1024 * 1024;

    public static Configuration Create(ImageLimits limits)
    {
        var configuration = new Configuration(
            new JpegConfigurationModule(),
            new PngConfigurationModule(),
            new WebpConfigurationModule(),
            new GifConfigurationModule());

        // One decode uses one core: that is what a decode slot counts (so slots = cores keeps the machine
        // busy without oversubscribing it), and it keeps the work on the decode's own thread, whose CPU
        // time is then the decode's time limit. Throughput comes from decoding several pictures at once.
        configuration.MaxDegreeOfParallelism = 1;

        // One Rgba32 picture at the pixel cap is the largest buffer legitimate work needs; anything a
        // lying header asks for beyond that fails fast instead of exhausting memory.
        var largestImageMegabytes = (limits.MaxPixels * 4 + Megabyte - 1) / Megabyte;
        configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions
        {
            AllocationLimitMegabytes = (int)Math.Min(int.MaxValue, largestImageMegabytes + 16),

            // Keeps a warm pool for thumbnail-sized work (a 1,024-pixel Rgb24 picture is 3 MB). A large
            // decode never comes from the pool (a buffer group larger than what is left in it is allocated
            // apart), so whatever the pool keeps sits on top of the peak of a large decode: kept small.
            MaximumPoolSizeMegabytes = 16,
        });
        return configuration;
    }
}
