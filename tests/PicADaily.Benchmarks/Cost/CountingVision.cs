using PicADaily.GoogleCloud.Vision;

namespace PicADaily.Benchmarks.Cost;

/// <summary>Vision answering at once with a safe verdict, counting requests and billed feature units.</summary>
internal sealed class CountingVision : IVisionClient
{
    private long requests;
    private long units;

    public long Requests => Interlocked.Read(ref requests);

    public long FeatureUnits => Interlocked.Read(ref units);

    public Task<ImageAnnotation> AnnotateAsync(VisionImage image, IReadOnlyList<VisionFeature> features, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref requests);
        Interlocked.Add(ref units, features.Count);
        var safe = new SafeSearchAnnotation(Likelihood.VeryUnlikely, Likelihood.VeryUnlikely, Likelihood.VeryUnlikely, Likelihood.VeryUnlikely, Likelihood.VeryUnlikely);
        return Task.FromResult(new ImageAnnotation([new(null, "Sky", 0.9f, 0.9f)], [new(30, 144, 255, 0.6f, 0.7f)], safe));
    }
}
