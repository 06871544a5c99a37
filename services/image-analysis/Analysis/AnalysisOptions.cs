namespace PicADaily.ImageAnalysis.Analysis;

/// <summary>The <c>Analysis</c> settings section.</summary>
public sealed class AnalysisOptions
{
    public const string SectionName = "Analysis";

    /// <summary><c>local</c> (default) or <c>vision</c>: see <see cref="ColourSource"/>.</summary>
    public ColourSource Colour { get; set; } = ColourSource.Local;
}
