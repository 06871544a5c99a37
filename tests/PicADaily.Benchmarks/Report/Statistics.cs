using System.Globalization;

namespace PicADaily.Benchmarks.Report;

/// <summary>Medians, percentiles and spreads of repeated measurements (nearest-rank percentiles).</summary>
internal static class Statistics
{
    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Nearest-rank percentile: the smallest value with at least <paramref name="percent"/> % of the values at or below it.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>"min–max over n", the honest spread of a handful of rounds.</summary>
    public static string Spread(IReadOnlyCollection<double> values, string format = "0.0") =>
        string.Create(CultureInfo.InvariantCulture, $"{values.Min().ToString(format, CultureInfo.InvariantCulture)}–{values.Max().ToString(format, CultureInfo.InvariantCulture)} over {values.Count}");
}
