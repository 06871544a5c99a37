namespace PicADaily.Benchmarks.Report;

/// <summary>
/// One line of the performance table: the figure, the anchor measured in the same run, their ratio
/// (or the bar the figure is held to), whether the goal is met, and how to measure it alone.
/// </summary>
/// <param name="Met">null when the figure has no pass/fail (a diagnostic) or could not be measured.</param>
internal sealed record ReportFigure(
    string Id,
    string Metric,
    string Figure,
    string Anchor,
    string Ratio,
    string Goal,
    bool? Met,
    string Spread,
    string Reproduce)
{
    /// <summary>Lines printed under the table for this figure: what exactly was measured, counts, caveats.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>
    /// For a figure that misses its bar: why, in figures measured in the same run, and what would close
    /// the gap. A missed figure without one is listed as such, so a miss is never left unexplained silently.
    /// </summary>
    public string? WhenMissed { get; init; }

    public static ReportFigure Failed(string id, string metric, string goal, string reproduce, Exception error) =>
        new(id, metric, "not measured", "–", "–", goal, null, "–", reproduce)
        {
            Details = [$"{id} failed in this run: {error.GetType().Name}: {error.Message}"],
        };
}
