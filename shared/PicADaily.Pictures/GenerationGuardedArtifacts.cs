using System.Globalization;
using Microsoft.Extensions.Options;
using PicADaily.Contracts.Pictures;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.Pictures;

/// <summary>
/// Artifacts made from a picture (its thumbnail: same name, in the thumbnails bucket) record the picture generation
/// they were made from, and that generation guards them: a write never replaces the artifact of a newer
/// generation, a delete never removes one. Every write and delete is conditional on the artifact
/// generation just read, so of two concurrent writers the one with the newer source wins, whatever the order.
/// </summary>
public sealed class GenerationGuardedArtifacts(PictureStorage storage, IOptions<PicADailySettings> settings)
{
    /// <summary>The bucket the artifacts live in.</summary>
    public string Bucket => settings.Value.ThumbnailsBucket;

    /// <summary>
    /// Writes the artifact of <paramref name="sourceGeneration"/> unless one of a newer generation is in
    /// place. Continues with the artifact's own generation; stops with "ignored" when a newer one is
    /// there, with "retry" when the artifact kept changing under us.
    /// </summary>
    public Task<Step<long>> WriteAsync(string name, long sourceGeneration, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        var bucket = Bucket;
        var metadata = new Dictionary<string, string>
        {
            [ArtifactMetadata.SourceGeneration] = sourceGeneration.ToString(CultureInfo.InvariantCulture),
        };
        return OptimisticConcurrency.RunAsync<long>(Describe(bucket, name), async ct =>
        {
            var existing = await storage.GetAsync(bucket, name, generation: null, ct);
            if (existing?.SourceGeneration > sourceGeneration)
            {
                return Step<long>.Stop(HandlerOutcome.Ignored($"the artifact in '{bucket}' is of newer generation {existing.SourceGeneration}"));
            }

            // Conditional on what we just saw, so a concurrent writer of a newer generation wins the race.
            return await storage.UploadAsync(bucket, name, content, contentType, metadata, existing?.Generation ?? 0, ct) is { } written
                ? Step<long>.Continue(written)
                : null;
        }, cancellationToken);
    }

    /// <summary>
    /// Deletes the artifact if it was made from <paramref name="upToGeneration"/> or an older one; never a
    /// newer one, nor one that records no source (not ours to judge by generation). Continues with true
    /// when one was deleted; stops with "retry" when the artifact kept changing under us.
    /// </summary>
    public Task<Step<bool>> DeleteUpToAsync(string name, long upToGeneration, CancellationToken cancellationToken)
    {
        var bucket = Bucket;
        return OptimisticConcurrency.RunAsync<bool>(Describe(bucket, name), async ct =>
        {
            var artifact = await storage.GetAsync(bucket, name, generation: null, ct);
            if (artifact?.SourceGeneration is not { } source || source > upToGeneration)
            {
                return Step<bool>.Continue(false);
            }

            return await storage.DeleteAsync(bucket, name, artifact.Generation, ct) ? Step<bool>.Continue(true) : null;
        }, cancellationToken);
    }

    private static string Describe(string bucket, string name) => $"the artifact '{name}' in '{bucket}'";
}
