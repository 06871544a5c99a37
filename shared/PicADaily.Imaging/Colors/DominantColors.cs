using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace PicADaily.Imaging.Colors;

/// <summary>One dominant colour: sRGB 0–255, its share of the pixels and a score in [0,1].</summary>
public sealed record DominantColor(byte Red, byte Green, byte Blue, double PixelFraction, double Score);

/// <summary>
/// Dominant colours from the pixels: a 5-bit-per-channel histogram, then weighted k-means (up to 10
/// clusters, deterministic farthest-point seeding) over its cells. Score = pixel share weighted a
/// little towards saturated colours, so a vivid subject ranks above a grey background of the same size.
/// </summary>
public static class DominantColors
{
    public const int MaxColors = 10;

    /// <summary>
    /// The long side the colours are computed at: a box-filtered thumbnail this small keeps every
    /// colour's share, and the histogram costs microseconds instead of milliseconds.
    /// </summary>
    public const int SampleSide = 128;

    private const int Iterations = 12;

    /// <summary>
    /// The dominant colours of a decoded picture of any size: a <see cref="SampleSide"/> box-filtered
    /// copy is analysed (the picture itself is left as it is). This is what LocalCloud's Vision
    /// stand-in computes for IMAGE_PROPERTIES, so a service can compute it without a Vision request.
    /// </summary>
    public static List<DominantColor> OfPicture(Image picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        var scale = Math.Min(1.0, (double)SampleSide / Math.Max(picture.Width, picture.Height));
        var width = Math.Max(1, (int)Math.Round(picture.Width * scale));
        var height = Math.Max(1, (int)Math.Round(picture.Height * scale));
        using var sample = picture.CloneAs<Rgb24>();
        if (scale < 1.0)
        {
            sample.Mutate(x => x.Resize(width, height, KnownResamplers.Box));
        }

        return Compute(sample);
    }

    public static List<DominantColor> Compute(Image<Rgb24> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (cells, total) = Histogram(image);
        var centers = Seed(cells);
        var assignment = new int[cells.Count];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            for (var i = 0; i < cells.Count; i++)
            {
                assignment[i] = Nearest(centers, cells[i].R, cells[i].G, cells[i].B);
            }

            var sums = new double[centers.Count, 4];
            for (var i = 0; i < cells.Count; i++)
            {
                var c = assignment[i];
                sums[c, 0] += cells[i].R * cells[i].Count;
                sums[c, 1] += cells[i].G * cells[i].Count;
                sums[c, 2] += cells[i].B * cells[i].Count;
                sums[c, 3] += cells[i].Count;
            }

            for (var c = 0; c < centers.Count; c++)
            {
                if (sums[c, 3] > 0)
                {
                    centers[c] = (sums[c, 0] / sums[c, 3], sums[c, 1] / sums[c, 3], sums[c, 2] / sums[c, 3]);
                }
            }
        }

        var counts = new double[centers.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            counts[assignment[i]] += cells[i].Count;
        }

        var colors = centers
            .Select((center, c) => (Center: center, Fraction: counts[c] / total))
            .Where(x => x.Fraction > 0)
            .Select(x => (x.Center, x.Fraction, Weight: x.Fraction * (0.6 + (0.4 * Saturation(x.Center.R, x.Center.G, x.Center.B)))))
            .ToList();
        var weightSum = colors.Sum(x => x.Weight);
        return [.. colors
            .Select(x => new DominantColor(ToByte(x.Center.R), ToByte(x.Center.G), ToByte(x.Center.B), Math.Round(x.Fraction, 6), Math.Round(x.Weight / weightSum, 6)))
            .OrderByDescending(x => x.Score)
            .ThenByDescending(x => x.PixelFraction)
            .ThenBy(x => (x.Red << 16) | (x.Green << 8) | x.Blue)];
    }

    /// <summary>HSV saturation in [0,1] of an sRGB colour given as 0–255 channels.</summary>
    public static double Saturation(double r, double g, double b)
    {
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));
        return max <= 0 ? 0 : (max - min) / max;
    }

    private static (List<(double R, double G, double B, int Count)> Cells, double Total) Histogram(Image<Rgb24> image)
    {
        // Each cell keeps the mean of its pixels, so a solid colour comes back exactly.
        var sums = new Dictionary<int, (long R, long G, long B, int Count)>();
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                foreach (var pixel in accessor.GetRowSpan(y))
                {
                    var key = ((pixel.R >> 3) << 10) | ((pixel.G >> 3) << 5) | (pixel.B >> 3);
                    sums.TryGetValue(key, out var s);
                    sums[key] = (s.R + pixel.R, s.G + pixel.G, s.B + pixel.B, s.Count + 1);
                }
            }
        });
        var cells = sums.OrderBy(kv => kv.Key)
            .Select(kv => ((double)kv.Value.R / kv.Value.Count, (double)kv.Value.G / kv.Value.Count, (double)kv.Value.B / kv.Value.Count, kv.Value.Count))
            .ToList();
        return (cells, (double)image.Width * image.Height);
    }

    // Deterministic k-means++-style seeding: the most common cell, then repeatedly the cell with the
    // largest count x squared distance to its nearest centre, until 10 centres or nothing is far away.
    private static List<(double R, double G, double B)> Seed(List<(double R, double G, double B, int Count)> cells)
    {
        var first = cells.OrderByDescending(c => c.Count).First();
        var centers = new List<(double R, double G, double B)> { (first.R, first.G, first.B) };
        while (centers.Count < MaxColors)
        {
            var best = -1;
            var bestWeight = 0.0;
            for (var i = 0; i < cells.Count; i++)
            {
                var distance = Distance2(centers[Nearest(centers, cells[i].R, cells[i].G, cells[i].B)], cells[i].R, cells[i].G, cells[i].B);
                var weight = cells[i].Count * distance;
                if (distance > 24 * 24 && weight > bestWeight)
                {
                    best = i;
                    bestWeight = weight;
                }
            }

            if (best < 0)
            {
                break;
            }

            centers.Add((cells[best].R, cells[best].G, cells[best].B));
        }

        return centers;
    }

    private static int Nearest(List<(double R, double G, double B)> centers, double r, double g, double b)
    {
        var best = 0;
        var bestDistance = double.MaxValue;
        for (var c = 0; c < centers.Count; c++)
        {
            var distance = Distance2(centers[c], r, g, b);
            if (distance < bestDistance)
            {
                best = c;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static double Distance2((double R, double G, double B) center, double r, double g, double b) =>
        ((center.R - r) * (center.R - r)) + ((center.G - g) * (center.G - g)) + ((center.B - b) * (center.B - b));

    private static byte ToByte(double channel) => (byte)Math.Clamp(Math.Round(channel), 0, 255);
}
