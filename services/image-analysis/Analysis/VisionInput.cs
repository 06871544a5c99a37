using PicADaily.GoogleCloud.Vision;

namespace PicADaily.ImageAnalysis.Analysis;

/// <summary>
/// What is sent to Vision for one picture, the features to ask for, and the dominant colour when it
/// was computed locally from the same decoded pixels (null when Vision is asked for it).
/// </summary>
public sealed record VisionInput(byte[] Content, IReadOnlyList<VisionFeature> Features, string? LocalColour);
