using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

using PicADaily.Benchmarks;
using PicADaily.Benchmarks.EventDelivery;

switch (args)
{
    case ["--report", .. var reportOptions]:
        // Every figure in one run, written to docs/performance.md: [--quick] [--out path].
        return await PicADaily.Benchmarks.Report.ReportCommand.RunAsync(reportOptions);
    case ["--p3", .. var p3]:
        // Latency and memory under load on the embedded default: [uploads one at a time=50] [48 MP pictures at once=8].
        var full = PicADaily.Benchmarks.Report.ReportSize.Full;
        var live = full with
        {
            LatencyUploads = p3.Length > 0 ? int.Parse(p3[0], System.Globalization.CultureInfo.InvariantCulture) : full.LatencyUploads,
            LoadUploads = p3.Length > 1 ? int.Parse(p3[1], System.Globalization.CultureInfo.InvariantCulture) : full.LoadUploads,
        };
        await PicADaily.Benchmarks.Live.LiveSystemBenchmark.RunAsync(live, Console.Out);
        return 0;
    case ["--make-photo", var path, var width, var height, .. var orientation]:
        var exifOrientation = orientation is [var o] ? ushort.Parse(o) : (ushort)1;
        await File.WriteAllBytesAsync(path, TestPhoto.Jpeg(int.Parse(width), int.Parse(height), exifOrientation));
        Console.WriteLine($"wrote {path}");
        return 0;
    case ["--p4-memory", var service, var events, var path]:
        // Where the memory goes: one image handler's work on several pictures at once, in process, sampled.
        return await AnalysisMemoryProbe.RunAsync(service, int.Parse(events, System.Globalization.CultureInfo.InvariantCulture), path);
    case ["--p4-load", .. var load]:
        // P4 under load alone on the embedded default: [48 MP pictures at once=8].
        var loadSize = PicADaily.Benchmarks.Report.ReportSize.Full;
        await PicADaily.Benchmarks.Live.LiveSystemBenchmark.RunAsync(
            loadSize with { LoadUploads = load.Length > 0 ? int.Parse(load[0], System.Globalization.CultureInfo.InvariantCulture) : loadSize.LoadUploads },
            Console.Out,
            latency: false);
        return 0;
    case ["--p4", var path]:
        return await PeakMemoryProbe.ThumbnailOfFileAsync(path);
    case ["--p1", var rounds]:
        return InterleavedComparison.Run(int.Parse(rounds));
    case ["--p4-bound", var events, var path, .. var bound]:
        // A service at its bound: [decodes at once=1] [pixel cap=50000000] [memory setting in MiB, checked].
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return await BoundMemoryProbe.RunAsync(
            int.Parse(events, invariant),
            path,
            bound.Length > 0 ? int.Parse(bound[0], invariant) : 1,
            bound.Length > 1 ? long.Parse(bound[1], invariant) : 50_000_000,
            bound.Length > 2 ? double.Parse(bound[2], invariant) : null);
    case ["--p7", .. var p7]:
        // Dollars per 1,000 pictures: [pictures measured in process].
        await PicADaily.Benchmarks.Cost.CostModel.MeasureAsync(p7.Length > 0 ? int.Parse(p7[0], System.Globalization.CultureInfo.InvariantCulture) : 20, Console.Out);
        return 0;
    case ["--p4-flood"]:
        return await PeakMemoryProbe.PixelFloodAsync();
    case ["--p2", .. var p2]:
        // Bulk throughput of the embedded default: [photos] [folder of generated photos, kept between runs] [app host options, e.g. MaxConcurrentEvents=8].
        var photoCount = p2.Length > 0 ? int.Parse(p2[0], System.Globalization.CultureInfo.InvariantCulture) : 100;
        var photoFolder = p2.Length > 1 ? p2[1] : Path.Combine(Path.GetTempPath(), "picadaily-p2-photos");
        await PicADaily.Benchmarks.Pipeline.BulkDropBenchmark.RunAsync(photoCount, photoFolder, p2.Skip(2).ToArray(), Console.Out);
        return 0;
    case ["--p6", .. var p6]:
        // LocalCloud event delivery overhead: [messages] [concurrency].
        var messages = p6.Length > 0 ? int.Parse(p6[0], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
        var concurrency = p6.Length > 1 ? int.Parse(p6[1], System.Globalization.CultureInfo.InvariantCulture) : 32;
        await EventDeliveryBenchmark.RunAsync(messages, concurrency, Console.Out);
        return 0;
    default:
        // In-process with a short job: enough for stable medians of ~100 ms operations, without
        // BenchmarkDotNet generating and building a separate project.
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15))
            .AddColumn(StatisticColumn.Median, BaselineRatioColumn.RatioMean);
        BenchmarkSwitcher.FromAssembly(typeof(ThumbnailBenchmarks).Assembly).Run(args, config);
        return 0;
}
