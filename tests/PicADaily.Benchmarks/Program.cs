using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

using PicADaily.Benchmarks;

switch (args)
{
    case ["--make-photo", var path, var width, var height, .. var orientation]:
        var exifOrientation = orientation is [var o] ? ushort.Parse(o) : (ushort)1;
        await File.WriteAllBytesAsync(path, TestPhoto.Jpeg(int.Parse(width), int.Parse(height), exifOrientation));
        Console.WriteLine($"wrote {path}");
        return 0;
    case ["--p4", var path]:
        return await PeakMemoryProbe.ThumbnailOfFileAsync(path);
    case ["--p1", var rounds]:
        return InterleavedComparison.Run(int.Parse(rounds));
    case ["--p4-flood"]:
        return await PeakMemoryProbe.PixelFloodAsync();
    default:
        // In-process with a short job: enough for stable medians of ~100 ms operations, without
        // BenchmarkDotNet generating and building a separate project.
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15))
            .AddColumn(StatisticColumn.Median, BaselineRatioColumn.RatioMean);
        BenchmarkSwitcher.FromAssembly(typeof(ThumbnailBenchmarks).Assembly).Run(args, config);
        return 0;
}
