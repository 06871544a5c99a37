using PicADaily.Benchmarks.Thumbnail;

namespace PicADaily.Benchmarks;

/// <summary>P1 alone (<c>--p1 rounds</c>): the same measurement as the report's, printed.</summary>
internal static class InterleavedComparison
{
    public static int Run(int rounds)
    {
        var figure = ThumbnailReport.Measure(rounds, Console.Out);
        Console.WriteLine($"P1: {figure.Figure} against {figure.Anchor}: {figure.Ratio} (goal {figure.Goal})");
        return 0;
    }
}
