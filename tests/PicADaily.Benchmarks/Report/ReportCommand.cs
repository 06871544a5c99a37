using System.Diagnostics;
using PicADaily.Benchmarks.Cost;
using PicADaily.Benchmarks.EventDelivery;
using PicADaily.Benchmarks.Live;
using PicADaily.Benchmarks.Pipeline;
using PicADaily.Benchmarks.Thumbnail;

namespace PicADaily.Benchmarks.Report;

/// <summary>
/// <c>--report [--quick] [--out path]</c>: measures P1–P7 one after another in one run and writes the
/// table (default <c>docs/performance.md</c> of this repository). A part that fails is reported as
/// not measured, with its error, and the others still run. The order puts the machine-wide parts
/// (P2, P3, P4 under load start the whole system) after the in-process ones.
/// </summary>
internal static class ReportCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments)
    {
        var size = arguments.Contains("--quick") ? ReportSize.Quick : ReportSize.Full;
        var repository = RepositoryRoot.Find();
        var outIndex = arguments.ToList().IndexOf("--out");
        var path = outIndex >= 0 && outIndex + 1 < arguments.Count ? Path.GetFullPath(arguments[outIndex + 1]) : Path.Combine(repository, "docs", "performance.md");
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var machine = Machine.Line();
        var commit = Machine.Commit(repository);
        var output = Console.Out;
        output.WriteLine($"report ({size.Name}) of {commit} on {machine}");

        var figures = new List<ReportFigure>
        {
            await Part("P1", "thumbnail of a 12 MP JPEG", "≤ 1.2×", ThumbnailReport.Reproduce, () => Task.FromResult(ThumbnailReport.Measure(size.ThumbnailRounds, output))),
            await Part("P4", "peak RSS, one 48 MP picture", "≤ 350 MB", "`--p4`", () => MemoryProbes.OneLargePictureAsync(output)),
            await Part("P6", "LocalCloud event delivery", "≥ 0.5", EventDeliveryBenchmark.Reproduce, () => EventDeliveryBenchmark.RunAsync(size.DeliveryMessages, 32, output)),
            await Part("P7", "dollars per 1,000 pictures", "≤ 0.60", CostModel.Reproduce, () => CostModel.MeasureAsync(size.CostPictures, output)),
            await Part("P2", "bulk drop", "≤ 1.15×", BulkDropBenchmark.Reproduce, () => BulkDropBenchmark.RunAsync(size.BulkPhotos, Path.Combine(Path.GetTempPath(), "picadaily-p2-photos"), [], output)),
        };
        try
        {
            figures.AddRange(await LiveSystemBenchmark.RunAsync(size, output));
        }
        catch (Exception e)
        {
            figures.Add(ReportFigure.Failed("P3", "latency, upload → visible", "p95 ≤ handler + 300 ms", LiveSystemBenchmark.Reproduce, e));
            figures.Add(ReportFigure.Failed("P4 (under load)", "peak RSS under load", "≤ 350 MB each", LiveSystemBenchmark.Reproduce, e));
        }

        figures.Add(new ReportFigure(
            "P5",
            "catalog at 100,000 documents: gallery pages, collage query, label filter",
            "checked, not timed here",
            "–",
            "–",
            "≤ 25 ms each, no full scans",
            null,
            "–",
            "`dotnet test tests/PicADaily.LocalCloud.Tests --filter CatalogAtScaleTests`")
        {
            Details = ["The query plans and the rows visited are asserted by the test named above (deterministic, no timing); this report does not time the queries."],
        });

        var ordered = figures.OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, MarkdownReport.Render(ordered, size, machine, commit, started, clock.Elapsed));
        output.WriteLine($"wrote {path} after {clock.Elapsed.TotalMinutes:0.0} min");
        return 0;
    }

    private static async Task<ReportFigure> Part(string id, string metric, string goal, string reproduce, Func<Task<ReportFigure>> measure)
    {
        try
        {
            return await measure();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{id} failed: {e}");
            return ReportFigure.Failed(id, metric, goal, reproduce, e);
        }
    }
}
