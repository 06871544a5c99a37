using System.Diagnostics;

using PicADaily.Imaging;
using PicADaily.Imaging.Tests;
using PicADaily.Thumbnail.Rendering;

namespace PicADaily.Benchmarks;

/// <summary>
/// P4: peak resident memory of a fresh process that makes one thumbnail, read from the kernel's
/// high-water mark (<see cref="Process.PeakWorkingSet64"/> is VmHWM on Linux).
/// </summary>
internal static class PeakMemoryProbe
{
    private const double Megabyte = 1024 * 1024;

    public static async Task<int> ThumbnailOfFileAsync(string path)
    {
        var atStart = PeakMegabytes();
        var content = await File.ReadAllBytesAsync(path);
        var renderer = new ThumbnailRenderer(new SafeImageLoader(ImageLimits.Default));
        var clock = Stopwatch.StartNew();
        var thumbnail = await renderer.RenderAsync(content, CancellationToken.None);
        Console.WriteLine(
            $"P4 thumbnail of {path} ({content.Length / Megabyte:0.0} MB): {thumbnail.Content.Length} bytes in {clock.ElapsedMilliseconds} ms; " +
            $"peak RSS at start {atStart:0} MB, after {PeakMegabytes():0} MB");
        return 0;
    }

    public static async Task<int> PixelFloodAsync()
    {
        var renderer = new ThumbnailRenderer(new SafeImageLoader(ImageLimits.Default));

        // Warm the same code path on a small picture, so the flood's figure is not start-up cost.
        await renderer.RenderAsync(CraftedPictures.SolidPng(16, 16, CraftedPictures.Marker), CancellationToken.None);
        var before = PeakMegabytes();
        var flood = CraftedPictures.PngClaiming(20_000, 20_000);
        var clock = Stopwatch.StartNew();
        try
        {
            await renderer.RenderAsync(flood, CancellationToken.None);
            Console.WriteLine("P4 pixel flood was NOT rejected");
            return 1;
        }
        catch (ImageRejectedException rejection)
        {
            Console.WriteLine(
                $"P4 pixel flood ({flood.Length} bytes claiming 20000x20000 RGBA = 1.6 GB decoded): rejected in {clock.Elapsed.TotalMilliseconds:0.0} ms " +
                $"as {rejection.Reason} \"{rejection.Message}\"; peak RSS before {before:0} MB, after {PeakMegabytes():0} MB");
            return 0;
        }
    }

    private static double PeakMegabytes()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64 / Megabyte;
    }
}
