using System.Globalization;
using System.Text;

namespace PicADaily.Benchmarks.Report;

/// <summary>Writes <c>docs/performance.md</c>: the table, then what each figure measured, then the prices.</summary>
internal static class MarkdownReport
{
    public static string Render(IReadOnlyList<ReportFigure> figures, ReportSize size, string machine, string commit, DateTimeOffset started, TimeSpan took)
    {
        var text = new StringBuilder();
        text.AppendLine("# Performance");
        text.AppendLine();
        text.AppendLine("Written by `dotnet run -c Release --project tests/PicADaily.Benchmarks -- --report` (see");
        text.AppendLine("[tests/PicADaily.Benchmarks/README.md](../tests/PicADaily.Benchmarks/README.md)); do not edit by hand.");
        text.AppendLine("Each figure is measured beside its anchor in the same run: on a shared machine a ratio means something, an absolute time little.");
        text.AppendLine();
        text.AppendLine(Invariant($"- measured: {started:yyyy-MM-dd HH:mm} UTC, took {took.TotalMinutes:0.0} min, size: {size.Name}"));
        text.AppendLine($"- commit: {commit}");
        text.AppendLine($"- machine: {machine}");
        text.AppendLine();
        text.AppendLine("| id | metric | figure | anchor (same run) | ratio | goal | met | spread |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var f in figures)
        {
            var met = f.Met switch { true => "yes", false => "**no**", null => "–" };
            text.AppendLine($"| {f.Id} | {Cell(f.Metric)} | {Cell(f.Figure)} | {Cell(f.Anchor)} | {Cell(f.Ratio)} | {Cell(f.Goal)} | {met} | {Cell(f.Spread)} |");
        }

        var missed = figures.Where(f => f.Met == false).ToList();
        if (missed.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Why a figure misses its bar, and what would close it");
            text.AppendLine();
            foreach (var f in missed)
            {
                text.AppendLine($"- **{f.Id}**: {f.WhenMissed ?? "no reason was measured in this run."}");
            }
        }

        text.AppendLine();
        text.AppendLine("## What each figure measured, and how to measure it alone");
        foreach (var f in figures)
        {
            text.AppendLine();
            text.AppendLine($"### {f.Id}: {f.Metric}");
            text.AppendLine();
            text.AppendLine($"Alone: {f.Reproduce}");
            text.AppendLine();
            foreach (var line in f.Details)
            {
                text.AppendLine(line.StartsWith("  ", StringComparison.Ordinal) ? $"  - {line.Trim()}" : $"- {line.Trim()}");
            }
        }

        return text.ToString();
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
