using PicADaily.Imaging.Colors;

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.LocalCloud.Vision;

/// <summary>A label as Vision returns it (<c>EntityAnnotation</c>): description and score in [0,1].</summary>
public sealed record LocalLabel(string Description, double Score);

/// <summary>
/// Honest, non-semantic labels computed from pixels (see README.md): colour names of the dominant
/// colours, "Brightness: bright/dark", "Orientation: landscape/portrait/square", Monochrome, Colorful.
/// Deterministic for an image. Brightness and orientation say what they describe in the label itself:
/// a bare "Landscape" or "Portrait" reads like a scene label (a close-up of a rose is not a landscape),
/// and the gallery filters by these words.
/// </summary>
public static class LocalLabels
{
    public const string BrightLabel = "Brightness: bright";
    public const string DarkLabel = "Brightness: dark";
    public const string LandscapeLabel = "Orientation: landscape";
    public const string PortraitLabel = "Orientation: portrait";
    public const string SquareLabel = "Orientation: square";

    private static readonly (string Name, int R, int G, int B)[] Palette =
    [
        ("Black", 0, 0, 0), ("White", 255, 255, 255), ("Gray", 128, 128, 128), ("Red", 220, 30, 30),
        ("Orange", 255, 140, 0), ("Yellow", 250, 220, 20), ("Green", 40, 170, 60), ("Teal", 0, 150, 150),
        ("Blue", 30, 80, 220), ("Purple", 130, 50, 180), ("Pink", 255, 150, 190), ("Brown", 140, 90, 40),
    ];

    public static List<LocalLabel> Compute(Image<Rgb24> small, int width, int height, IReadOnlyList<DominantColor> colors)
    {
        var labels = new List<LocalLabel>();

        // Colour names: each dominant colour votes its pixel share for the nearest palette name.
        foreach (var group in colors.GroupBy(c => NearestName(c.Red, c.Green, c.Blue)))
        {
            var share = group.Sum(c => c.PixelFraction);
            if (share >= 0.05)
            {
                labels.Add(new LocalLabel(group.Key, 0.5 + (0.5 * Math.Min(1, share))));
            }
        }

        var (luma, saturation, hues) = Statistics(small);
        if (luma >= 0.6)
        {
            labels.Add(new LocalLabel(BrightLabel, luma));
        }
        else if (luma <= 0.35)
        {
            labels.Add(new LocalLabel(DarkLabel, 1 - luma));
        }

        var aspect = (double)width / height;
        labels.Add(new LocalLabel(aspect > 1.05 ? LandscapeLabel : aspect < 0.95 ? PortraitLabel : SquareLabel, 0.99));

        if (saturation < 0.12)
        {
            labels.Add(new LocalLabel("Monochrome", 1 - (saturation / 0.24)));
        }
        else if (hues >= 4)
        {
            labels.Add(new LocalLabel("Colorful", Math.Min(1, hues / 6.0)));
        }

        return [.. labels
            .Select(l => l with { Score = Math.Round(Math.Clamp(l.Score, 0, 1), 6) })
            .OrderByDescending(l => l.Score)
            .ThenBy(l => l.Description, StringComparer.Ordinal)];
    }

    public static string NearestName(int r, int g, int b) =>
        Palette.MinBy(p => ((p.R - r) * (p.R - r)) + ((p.G - g) * (p.G - g)) + ((p.B - b) * (p.B - b))).Name;

    // Mean luma (Rec. 709) and HSV saturation, and how many of 12 hue sectors hold >= 5% of the vivid pixels.
    private static (double Luma, double Saturation, int Hues) Statistics(Image<Rgb24> image)
    {
        double luma = 0, saturation = 0;
        var sectors = new int[12];
        var vivid = 0;
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                foreach (var p in accessor.GetRowSpan(y))
                {
                    luma += ((0.2126 * p.R) + (0.7152 * p.G) + (0.0722 * p.B)) / 255.0;
                    var s = DominantColors.Saturation(p.R, p.G, p.B);
                    saturation += s;
                    if (s >= 0.25 && Math.Max(p.R, Math.Max(p.G, p.B)) >= 51)
                    {
                        sectors[(int)(Hue(p.R, p.G, p.B) / 30) % 12]++;
                        vivid++;
                    }
                }
            }
        });
        var pixels = (double)image.Width * image.Height;
        var hues = vivid == 0 ? 0 : sectors.Count(count => count >= 0.05 * vivid);
        return (luma / pixels, saturation / pixels, hues);
    }

    private static double Hue(double r, double g, double b)
    {
        var max = Math.Max(r, Math.Max(g, b));
        var delta = max - Math.Min(r, Math.Min(g, b));
        if (delta == 0)
        {
            return 0;
        }

        var hue = max == r ? (g - b) / delta % 6 : max == g ? ((b - r) / delta) + 2 : ((r - g) / delta) + 4;
        return (hue * 60 + 360) % 360;
    }
}
