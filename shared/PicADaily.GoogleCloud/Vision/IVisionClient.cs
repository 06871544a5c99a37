namespace PicADaily.GoogleCloud.Vision;

/// <summary>Cloud Vision <c>images:annotate</c>.</summary>
public interface IVisionClient
{
    /// <summary>
    /// Annotates one image. Throws <see cref="VisionAnnotationException"/> when Vision rejects the
    /// image itself, <see cref="Errors.GoogleApiRequestException"/> for whole-request failures.
    /// </summary>
    Task<ImageAnnotation> AnnotateAsync(VisionImage image, IReadOnlyList<VisionFeature> features, CancellationToken cancellationToken);
}
