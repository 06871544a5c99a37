using PicADaily.GoogleCloud.Vision;

namespace PicADaily.ImageAnalysis.Tests;

/// <summary>Answers with a scripted annotation (or failure) and counts the calls.</summary>
public sealed class FakeVision : IVisionClient
{
    public Func<ImageAnnotation> Answer { get; set; } = () => new ImageAnnotation([], [], null);

    public Func<Task>? During { get; set; }

    public int Calls { get; private set; }

    public async Task<ImageAnnotation> AnnotateAsync(VisionImage image, IReadOnlyList<VisionFeature> features, CancellationToken cancellationToken)
    {
        Calls++;
        if (During is { } during)
        {
            await during();
        }

        return Answer();
    }
}
