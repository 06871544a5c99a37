using PicADaily.GoogleCloud.Vision;

namespace PicADaily.ImageAnalysis.Tests;

/// <summary>Answers with a scripted annotation (or failure) and counts the calls.</summary>
public sealed class FakeVision : IVisionClient
{
    public Func<ImageAnnotation> Answer { get; set; } = () => new ImageAnnotation([], [], null);

    public Func<Task>? During { get; set; }

    public int Calls => Requests.Count;

    /// <summary>The features of each request, in order: Vision bills every feature of every request.</summary>
    public List<IReadOnlyList<VisionFeature>> Requests { get; } = [];

    public async Task<ImageAnnotation> AnnotateAsync(VisionImage image, IReadOnlyList<VisionFeature> features, CancellationToken cancellationToken)
    {
        Requests.Add(features);
        if (During is { } during)
        {
            await during();
        }

        return Answer();
    }
}
