using System.Globalization;
using PicADaily.Benchmarks.Report;

namespace PicADaily.Benchmarks.Thumbnail;

/// <summary>
/// P1: the product's thumbnail of a 12 MP JPEG against libvips's, interleaved round by round, wall and
/// CPU medians, with each output's closeness (luma PSNR and SSIM) to libvips's unencoded thumbnail.
/// </summary>
internal static class ThumbnailReport
{
    public const string Reproduce = "`dotnet run -c Release --project tests/PicADaily.Benchmarks -- --p1 15`";

    public static ReportFigure Measure(int rounds, TextWriter output)
    {
        var benchmarks = new ThumbnailBenchmarks();
        benchmarks.Setup();
        (string Name, Action Work)[] contenders =
        [
            ("libvips ThumbnailBuffer + JPEG q85 (anchor)", () => benchmarks.LibVips()),
            ("ThumbnailRenderer (the product)", () => benchmarks.ImageSharpRenderer()),
            ("ImageSharp Box + JPEG q85 (the renderer before)", () => benchmarks.ImageSharpBoxAsBefore()),
            ("ImageSharp decode only (the floor)", () => benchmarks.ImageSharpDecodeOnly()),
        ];
        var times = Interleaving.Run(contenders, rounds);

        var (rgb, width, height) = benchmarks.LibVipsPixels();
        var reference = LumaQuality.LumaOfRgb(rgb, width, height);
        var quality = new[]
        {
            LumaQuality.Compare(reference, LumaQuality.LumaOf(benchmarks.LibVips())),
            LumaQuality.Compare(reference, LumaQuality.LumaOf(benchmarks.ImageSharpRenderer())),
            LumaQuality.Compare(reference, LumaQuality.LumaOf(benchmarks.ImageSharpBoxAsBefore())),
        };

        var anchor = Statistics.Median(times[0].Wall);
        var anchorCpu = Statistics.Median(times[0].Cpu);
        var lines = new List<string>
        {
            Invariant($"4000×3000 JPEG ({benchmarks.Photo.Length / 1024} KB, generated: smooth waves and grain) → 400×400 centre crop, JPEG; {rounds} interleaved rounds after 2 warm-up rounds, one process"),
        };
        for (var i = 0; i < times.Length; i++)
        {
            var t = times[i];
            var q = i < quality.Length ? Invariant($"; luma PSNR {quality[i].Psnr:0.00} dB, SSIM {quality[i].Ssim:0.0000} against libvips's unencoded thumbnail") : "";
            lines.Add(Invariant($"{t.Name}: wall median {Statistics.Median(t.Wall):0.0} ms ({Statistics.Spread(t.Wall)}), ratio {Statistics.Median(t.Wall) / anchor:0.00}; CPU median {Statistics.Median(t.Cpu):0.0} ms, ratio {Statistics.Median(t.Cpu) / anchorCpu:0.00}{q}"));
        }

        foreach (var line in lines)
        {
            output.WriteLine("P1 " + line);
        }

        var product = Statistics.Median(times[1].Wall);
        var ratio = product / anchor;
        var noWorse = quality[1].Psnr >= quality[2].Psnr - 0.05 && quality[1].Ssim >= quality[2].Ssim - 0.0005;
        return new ReportFigure(
            "P1",
            "thumbnail of a 12 MP JPEG (400×400 cover crop, encode included), wall median",
            Invariant($"{product:0.0} ms; PSNR {quality[1].Psnr:0.00} dB, SSIM {quality[1].Ssim:0.0000}"),
            Invariant($"libvips {anchor:0.0} ms (before: {Statistics.Median(times[2].Wall):0.0} ms, PSNR {quality[2].Psnr:0.00} dB, SSIM {quality[2].Ssim:0.0000})"),
            Invariant($"{ratio:0.00}× (CPU {Statistics.Median(times[1].Cpu) / anchorCpu:0.00}×)"),
            "≤ 1.2×, quality no worse than before",
            ratio <= 1.2 && noWorse,
            Statistics.Spread(times[1].Wall) + " ms",
            Reproduce)
        {
            Details = lines,
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
