using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.ImageAnalysis.Analysis;
using PicADaily.Imaging;
using PicADaily.Imaging.Colors;
using PicADaily.LocalCloud.Vision;
using PicADaily.Thumbnail.Rendering;

namespace PicADaily.Benchmarks.Pipeline;

/// <summary>
/// The CPU the pipeline cannot avoid for a set of photos, measured in this process one photo at a time:
/// the thumbnail (decode, resize, encode), the analysis input (decode, shrink, encode) and the local
/// Vision stand-in's own work on that input (decode, dominant colours, labels). Divided by the cores,
/// it is the shortest wall time any scheduling of that work could reach.
/// </summary>
internal static class ComputeFloor
{
    public static async Task<TimeSpan> CpuTimeAsync(IReadOnlyList<string> photos)
    {
        await using var services = new ServiceCollection()
            .AddSafeImageLoader(new ConfigurationBuilder().Build())
            .AddSingleton<ThumbnailRenderer>()
            .AddSingleton<VisionInputPreparer>()
            .BuildServiceProvider();
        var renderer = services.GetRequiredService<ThumbnailRenderer>();
        var preparer = services.GetRequiredService<VisionInputPreparer>();

        // One warm-up so that JIT compilation is not counted as picture work.
        await ProcessAsync(await File.ReadAllBytesAsync(photos[0]), renderer, preparer);

        var contents = new List<byte[]>(photos.Count);
        foreach (var photo in photos)
        {
            contents.Add(await File.ReadAllBytesAsync(photo));
        }

        var before = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var content in contents)
        {
            await ProcessAsync(content, renderer, preparer);
        }

        return Process.GetCurrentProcess().TotalProcessorTime - before;
    }

    private static async Task ProcessAsync(byte[] content, ThumbnailRenderer renderer, VisionInputPreparer preparer)
    {
        _ = await renderer.RenderAsync(content, CancellationToken.None);
        var visionInput = await preparer.PrepareAsync(content, CancellationToken.None);
        using var analysed = await AnalysisPicture.LoadAsync(visionInput.Content, CancellationToken.None);
        var colors = DominantColors.Compute(analysed.Small);
        _ = LocalLabels.Compute(analysed.Small, analysed.Width, analysed.Height, colors).ToList();
    }
}
