using System.Diagnostics;
using System.Globalization;

using PicADaily.ImageAnalysis.Analysis;
using PicADaily.Imaging;
using PicADaily.Thumbnail.Rendering;

namespace PicADaily.Benchmarks;

/// <summary>
/// Where a service's memory goes while it holds several large pictures: the image handlers' in-process
/// work (each event with its own copy of the bytes, as each handler downloads its picture) through one
/// <see cref="SafeImageLoader"/> with the services' default decode bound, sampled every 10 ms: the
/// process's resident memory, the GC's committed memory (managed heap, the bytes and the garbage it has
/// not given back) and the rest (ImageSharp's pixel buffers are unmanaged memory). Run it with
/// <c>DOTNET_gcServer=1</c> to see what the services' server GC keeps, and without it for the workstation GC.
/// </summary>
internal static class AnalysisMemoryProbe
{
    private const double Megabyte = 1024 * 1024;

    public static async Task<int> RunAsync(string service, int events, string path)
    {
        var loader = new SafeImageLoader(ImageLimits.Default);
        Func<byte[], Task<int>> handle = service switch
        {
            "image-analysis" => async content => (await new VisionInputPreparer(loader).PrepareAsync(content, CancellationToken.None)).Content.Length,
            "thumbnail" => async content => (await new ThumbnailRenderer(loader).RenderAsync(content, CancellationToken.None)).Content.Length,
            _ => throw new ArgumentException("image-analysis or thumbnail", nameof(service)),
        };

        using var sampling = new CancellationTokenSource();
        var peaks = new Peaks();
        var sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
            while (await timer.WaitForNextTickAsync(CancellationToken.None) && !sampling.IsCancellationRequested)
            {
                peaks.Sample();
            }
        });

        var clock = Stopwatch.StartNew();
        var work = Enumerable.Range(0, events).Select(async _ =>
        {
            var content = await File.ReadAllBytesAsync(path);
            return await handle(content);
        });
        await Task.WhenAll(work);
        await sampling.CancelAsync();
        await sampler;
        peaks.Sample();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{service}: {events} × {path} ({new FileInfo(path).Length / Megabyte:0.0} MB) in {clock.ElapsedMilliseconds} ms, server GC {System.Runtime.GCSettings.IsServerGC}, {Environment.ProcessorCount} cores, decode slots {DecodeSlots.DefaultCapacity}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  peak RSS {self.PeakWorkingSet64 / Megabyte:0} MB; at the sampled peak: RSS {peaks.Rss / Megabyte:0} MB = GC committed {peaks.CommittedAtPeak / Megabyte:0} MB + other {(peaks.Rss - peaks.CommittedAtPeak) / Megabyte:0} MB; "
            + $"highest GC committed {peaks.Committed / Megabyte:0} MB, highest GC heap {peaks.Heap / Megabyte:0} MB, allocated in all {GC.GetTotalAllocatedBytes() / Megabyte:0} MB, gen2 collections {GC.CollectionCount(2)}"));
        return 0;
    }

    private sealed class Peaks
    {
        public long Rss { get; private set; }

        public long CommittedAtPeak { get; private set; }

        public long Committed { get; private set; }

        public long Heap { get; private set; }

        public void Sample()
        {
            using var self = Process.GetCurrentProcess();
            var rss = self.WorkingSet64;
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            var committed = info.TotalCommittedBytes;
            if (rss > Rss)
            {
                Rss = rss;
                CommittedAtPeak = committed;
            }

            Committed = Math.Max(Committed, committed);
            Heap = Math.Max(Heap, GC.GetTotalMemory(forceFullCollection: false));
        }
    }
}
