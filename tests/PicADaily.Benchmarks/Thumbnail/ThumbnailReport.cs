using System.Globalization;
using PicADaily.Benchmarks.Report;
using PicADaily.Imaging;
using PicADaily.Thumbnail.Rendering;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

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
        // Where the product's time goes: the decode (ImageSharp 2.x cannot shrink while decoding, so
        // this is its floor), the resize of the decoded pixels and the encode, each measured alone.
        using var decoded = Image.Load<Rgb24>(benchmarks.Photo);
        using var thumbnail = decoded.Clone(x => x.Resize(CoverCrop));
        (string Name, Action Work)[] contenders =
        [
            ("libvips ThumbnailBuffer + JPEG q85 (anchor)", () => benchmarks.LibVips()),
            ("ThumbnailRenderer (the product)", () => benchmarks.ImageSharpRenderer()),
            ("ImageSharp Box + JPEG q85 (the renderer before)", () => benchmarks.ImageSharpBoxAsBefore()),
            ("part: SafeImageLoader decode only (the floor)", () => benchmarks.ImageSharpDecodeOnly()),
            ("part: copy of the decoded 12 MP picture", () => decoded.Clone().Dispose()),
            ("part: copy + Box cover-crop resize to 400×400", () => decoded.Clone(x => x.Resize(CoverCrop)).Dispose()),
            ("part: JPEG q85 encode of the 400×400 thumbnail", () => PictureEncoder.Encode(thumbnail.Clone(), PictureFormat.Jpeg)),
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

        var resizeAlone = Statistics.Median(times[5].Cpu) - Statistics.Median(times[4].Cpu);
        lines.Add(Invariant(
            $"CPU shares of libvips's whole thumbnail: decode {Statistics.Median(times[3].Cpu) / anchorCpu:0.00}×, resize {resizeAlone / anchorCpu:0.00}×, encode {Statistics.Median(times[6].Cpu) / anchorCpu:0.00}×. The decode is at ImageSharp 2.1's floor (no DCT-scaled decode before 3.x): 1.2× leaves resize and encode together 1.2× minus the decode."));

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
            WhenMissed = Invariant(
                $"the product's CPU is {Statistics.Median(times[1].Cpu) / anchorCpu:0.00}× libvips's, and its decode alone is {Statistics.Median(times[3].Cpu) / anchorCpu:0.00}× libvips's whole thumbnail (resize {resizeAlone / anchorCpu:0.00}×, encode {Statistics.Median(times[6].Cpu) / anchorCpu:0.00}×): no saving in resize or encode brings it under 1.2× while the decode alone is above it. ")
                + "libvips decodes a JPEG at 1/2, 1/4 or 1/8 scale inside the inverse DCT (shrink-on-load) when the thumbnail is that much smaller; ImageSharp 2.1.13, the only ImageSharp served here, always decodes every pixel. "
                + "What would close it: a scaled JPEG decode, i.e. ImageSharp 3's `DecoderOptions.TargetSize` (not served here), or decoding through libvips, which would replace the product's image library.",
        };
    }

    private static readonly ResizeOptions CoverCrop = new()
    {
        Size = new Size(ThumbnailRenderer.Side, ThumbnailRenderer.Side),
        Mode = ResizeMode.Crop,
        Sampler = KnownResamplers.Box,
        PremultiplyAlpha = false,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
