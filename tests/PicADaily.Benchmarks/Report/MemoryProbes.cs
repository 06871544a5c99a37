using System.Globalization;
using System.Text.RegularExpressions;

namespace PicADaily.Benchmarks.Report;

/// <summary>P4 in fresh processes: one 48 MP thumbnail's peak RSS, and a pixel flood refused from its header.</summary>
internal static partial class MemoryProbes
{
    public static async Task<ReportFigure> OneLargePictureAsync(TextWriter output)
    {
        var path = Path.Combine(Path.GetTempPath(), "picadaily-report-48mp.jpg");
        if (!File.Exists(path))
        {
            await File.WriteAllBytesAsync(path, TestPhoto.Jpeg(8000, 6000, 6));
        }

        var (exitCode, printed) = await ChildProbe.RunAsync("--p4", path);
        output.WriteLine(printed);
        var peak = PeakAfter().Match(printed);
        var flood = await ChildProbe.RunAsync("--p4-flood");
        output.WriteLine(flood.Output);
        var megabytes = exitCode == 0 && peak.Success ? double.Parse(peak.Groups[1].Value, CultureInfo.InvariantCulture) : (double?)null;
        return new ReportFigure(
            "P4",
            "peak RSS of a fresh process making one thumbnail of a 48 MP EXIF-rotated JPEG",
            megabytes is { } mb ? string.Create(CultureInfo.InvariantCulture, $"{mb:0} MB") : "not measured",
            "bar 350 MB",
            megabytes is { } m ? string.Create(CultureInfo.InvariantCulture, $"{m / 350:0.00} of the bar") : "–",
            "≤ 350 MB; floods refused with no large allocation",
            megabytes <= 350 && flood.ExitCode == 0,
            "one run (deterministic within a few MB)",
            "`dotnet run -c Release --project tests/PicADaily.Benchmarks -- --make-photo /tmp/48mp.jpg 8000 6000 6`, then `-- --p4 /tmp/48mp.jpg` and `-- --p4-flood`")
        {
            Details = [printed, flood.Output],
        };
    }

    [GeneratedRegex(@"after (\d+) MB")]
    private static partial Regex PeakAfter();
}
