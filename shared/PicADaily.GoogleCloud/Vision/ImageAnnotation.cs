namespace PicADaily.GoogleCloud.Vision;

/// <summary>What Vision found in one image. Lists are empty (and SafeSearch null) when not requested or not found.</summary>
public sealed record ImageAnnotation(
    IReadOnlyList<LabelAnnotation> Labels,
    IReadOnlyList<DominantColor> DominantColors,
    SafeSearchAnnotation? SafeSearch);

/// <summary>A label, e.g. <c>Cat</c>, with its confidence and relevance in [0,1].</summary>
public sealed record LabelAnnotation(string? Mid, string Description, float Score, float Topicality);

/// <summary>A dominant colour: 0–255 channels (Vision omits zero channels; they read as 0), its score and the fraction of pixels.</summary>
public sealed record DominantColor(float Red, float Green, float Blue, float Score, float PixelFraction);

/// <summary>Safe-search verdicts.</summary>
public sealed record SafeSearchAnnotation(Likelihood Adult, Likelihood Spoof, Likelihood Medical, Likelihood Violence, Likelihood Racy);

/// <summary>Vision's likelihood scale; a missing verdict reads as <see cref="Unknown"/>.</summary>
public enum Likelihood
{
    /// <summary>UNKNOWN.</summary>
    Unknown,
    /// <summary>VERY_UNLIKELY.</summary>
    VeryUnlikely,
    /// <summary>UNLIKELY.</summary>
    Unlikely,
    /// <summary>POSSIBLE.</summary>
    Possible,
    /// <summary>LIKELY.</summary>
    Likely,
    /// <summary>VERY_LIKELY.</summary>
    VeryLikely,
}
