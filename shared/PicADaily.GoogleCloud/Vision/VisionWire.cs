namespace PicADaily.GoogleCloud.Vision;

// The JSON shapes of images:annotate (proto3 JSON: absent members are defaults).
internal sealed record AnnotateRequest(IReadOnlyList<AnnotateImageRequest> Requests);

internal sealed record AnnotateImageRequest(WireImage Image, IReadOnlyList<WireFeature> Features);

internal sealed record WireImage(string? Content, WireImageSource? Source);

internal sealed record WireImageSource(string ImageUri);

internal sealed record WireFeature(VisionFeatureType Type, int? MaxResults);

internal sealed record AnnotateResponse(List<AnnotateImageResponse>? Responses);

internal sealed record AnnotateImageResponse(
    List<WireLabel>? LabelAnnotations,
    WireImageProperties? ImagePropertiesAnnotation,
    WireSafeSearch? SafeSearchAnnotation,
    WireStatus? Error);

internal sealed record WireLabel(string? Mid, string? Description, float Score, float Topicality);

internal sealed record WireImageProperties(WireDominantColors? DominantColors);

internal sealed record WireDominantColors(List<WireColorInfo>? Colors);

internal sealed record WireColorInfo(WireColor? Color, float Score, float PixelFraction);

internal sealed record WireColor(float Red, float Green, float Blue);

internal sealed record WireSafeSearch(Likelihood Adult, Likelihood Spoof, Likelihood Medical, Likelihood Violence, Likelihood Racy);

internal sealed record WireStatus(int Code, string? Message);
