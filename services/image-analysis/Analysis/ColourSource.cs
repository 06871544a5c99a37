namespace PicADaily.ImageAnalysis.Analysis;

/// <summary>
/// Where the picture's dominant colour comes from (<c>Analysis:Colour</c>). Vision bills IMAGE_PROPERTIES
/// as a feature of its own, per picture, and the colour is its only use here; computing it from the
/// pixels already decoded for Vision costs a few milliseconds and no request.
/// </summary>
public enum ColourSource
{
    /// <summary>Computed in the service from the decoded picture (the default): Vision is asked for labels and safe search only.</summary>
    Local,

    /// <summary>Vision's IMAGE_PROPERTIES feature, as the original app did (three features per picture).</summary>
    Vision,
}
