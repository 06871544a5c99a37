using System.Globalization;
using PicADaily.GoogleCloud.Vision;
using PicADaily.Pictures;

namespace PicADaily.ImageAnalysis.Analysis;

/// <summary>
/// The original app's reading of a Vision answer, with its bugs fixed: labels by score (highest
/// first), the colour of the highest-scored dominant colour as lower-case <c>#rrggbb</c> (or the one
/// computed locally, see <see cref="ColourSource"/>), and
/// "safe" unless adult, spoof, medical, violence or racy is LIKELY or VERY_LIKELY.
/// </summary>
public static class AnalysisRules
{
    /// <summary>The original app's three features: labels, image properties (for the colour) and safe search.</summary>
    public static IReadOnlyList<VisionFeature> FeaturesWithVisionColour { get; } =
    [
        VisionFeature.Labels(10),
        VisionFeature.ImageProperties,
        VisionFeature.SafeSearch,
    ];

    /// <summary>Two billed features per picture: the colour is computed from the pixels instead.</summary>
    public static IReadOnlyList<VisionFeature> FeaturesWithLocalColour { get; } =
    [
        VisionFeature.Labels(10),
        VisionFeature.SafeSearch,
    ];

    public static IReadOnlyList<VisionFeature> FeaturesFor(ColourSource colour) =>
        colour == ColourSource.Local ? FeaturesWithLocalColour : FeaturesWithVisionColour;

    /// <param name="localColour">The colour computed from the pixels; when given, it is the verdict's colour.</param>
    public static PictureAnalysis Interpret(ImageAnnotation annotation, string? localColour = null)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        var labels = annotation.Labels
            .OrderByDescending(label => label.Score)
            .Select(label => label.Description)
            .Where(description => !string.IsNullOrWhiteSpace(description))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var color = localColour ?? annotation.DominantColors.OrderByDescending(c => c.Score).Select(ToHex).FirstOrDefault();
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
