using System.Globalization;
using PicADaily.GoogleCloud.Vision;
using PicADaily.Pictures;

namespace PicADaily.ImageAnalysis.Analysis;

/// <summary>
/// The original app's reading of a Vision answer, with its bugs fixed: labels by score (highest
/// first), the colour of the highest-scored dominant colour as lower-case <c>#rrggbb</c>, and
/// "safe" unless adult, spoof, medical, violence or racy is LIKELY or VERY_LIKELY.
/// </summary>
public static class AnalysisRules
{
    public static IReadOnlyList<VisionFeature> Features { get; } =
    [
        VisionFeature.Labels(10),
        VisionFeature.ImageProperties,
        VisionFeature.SafeSearch,
    ];

    public static PictureAnalysis Interpret(ImageAnnotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        var labels = annotation.Labels
            .OrderByDescending(label => label.Score)
            .Select(label => label.Description)
            .Where(description => !string.IsNullOrWhiteSpace(description))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var color = annotation.DominantColors.OrderByDescending(c => c.Score).Select(ToHex).FirstOrDefault();
        var unsafeCategories = UnsafeCategories(annotation.SafeSearch).ToList();
        return new PictureAnalysis(
            labels,
            color,
            Safe: unsafeCategories.Count == 0,
            RejectionReason: unsafeCategories.Count == 0 ? null : string.Join(", ", unsafeCategories));
    }

    public static string ToHex(DominantColor color) =>
        string.Create(CultureInfo.InvariantCulture, $"#{Channel(color.Red):x2}{Channel(color.Green):x2}{Channel(color.Blue):x2}");

    private static int Channel(float value) => (int)Math.Clamp(MathF.Round(value), 0, 255);

    private static IEnumerable<string> UnsafeCategories(SafeSearchAnnotation? safeSearch)
    {
        if (safeSearch is null)
        {
            yield break;
        }

        (string Name, Likelihood Verdict)[] verdicts =
        [
            ("adult", safeSearch.Adult), ("spoof", safeSearch.Spoof), ("medical", safeSearch.Medical),
            ("violence", safeSearch.Violence), ("racy", safeSearch.Racy),
        ];
        foreach (var (name, verdict) in verdicts)
        {
            if (verdict is Likelihood.Likely or Likelihood.VeryLikely)
            {
                yield return $"{name}: {(verdict == Likelihood.Likely ? "LIKELY" : "VERY_LIKELY")}";
            }
        }
    }
}
