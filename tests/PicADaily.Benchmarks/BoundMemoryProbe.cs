using System.Diagnostics;

using PicADaily.Imaging;
using PicADaily.Thumbnail.Rendering;

namespace PicADaily.Benchmarks;

/// <summary>
/// P4 at the bound: a service holding as many events as its admission allows (each with its own copy
/// of the picture's bytes, as each handler downloads its picture), all making thumbnails of the same
/// largest accepted picture through one <see cref="SafeImageLoader"/> whose <see cref="DecodeSlots"/>
/// let <c>decodes</c> run at once. Prints the process's peak RSS; given a memory setting, fails when
/// the peak is not under it. This checks the sizing of infra/gcp/deploy.sh.
/// </summary>
internal static class BoundMemoryProbe
{
    private const double Megabyte = 1024 * 1024;

    public static async Task<int> RunAsync(int events, string path, int decodes, long maxPixels, double? memoryMegabytes)
    {
        var atStart = PeakMegabytes();
        var limits = ImageLimits.Default with { MaxPixels = maxPixels };
        using var slots = new DecodeSlots(decodes);
        var loader = new SafeImageLoader(limits, slots, new AbandonedDecodes(TimeProvider.System), TimeProvider.System);
        var renderer = new ThumbnailRenderer(loader);
        var clock = Stopwatch.StartNew();
        var work = Enumerable.Range(0, events).Select(async _ =>
        {
            var content = await File.ReadAllBytesAsync(path);
            var thumbnail = await renderer.RenderAsync(content, CancellationToken.None);
            return thumbnail.Content.Length;
        });
        var sizes = await Task.WhenAll(work);
        var peak = PeakMegabytes();
        var verdict = memoryMegabytes is { } limit
            ? FormattableString.Invariant($", memory setting {limit:0} MB: {(peak < limit ? "under" : "OVER")}")
            : "";
        Console.WriteLine(FormattableString.Invariant(
            $"P4 bound: {events} events, {decodes} decode(s) at once, cap {maxPixels / 1e6:0.#} MP, {path} ({new FileInfo(path).Length / Megabyte:0.0} MB): {sizes.Length} thumbnails in {clock.ElapsedMilliseconds} ms; peak RSS at start {atStart:0} MB, at the end {peak:0} MB{verdict}"));
        return memoryMegabytes is { } setting && peak >= setting ? 1 : 0;
    }

    private static double PeakMegabytes()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64 / Megabyte;
    }
}
