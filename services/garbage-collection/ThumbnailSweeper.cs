using Microsoft.Extensions.Options;
using PicADaily.GoogleCloud.Pictures;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.GarbageCollection;

/// <summary>Removes a picture's thumbnail if it was cut from the given generation or an older one; never a newer one.</summary>
public sealed class ThumbnailSweeper(PictureStorage storage, IOptions<PicADailySettings> settings)
{
    private const int MaxAttempts = 8;

    /// <returns>True when a thumbnail was deleted.</returns>
    public async Task<bool> SweepAsync(string name, long upToGeneration, CancellationToken cancellationToken)
    {
        var bucket = settings.Value.ThumbnailsBucket;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var thumbnail = await storage.GetAsync(bucket, name, generation: null, cancellationToken);
            if (thumbnail?.Generation is not { } generation)
            {
                return false;
            }

            // A thumbnail without a recorded source is not one of ours to judge by generation: leave it.
            if (PictureStorage.SourceGenerationOf(thumbnail) is not { } source || source > upToGeneration)
            {
                return false;
            }

            if (await storage.DeleteAsync(bucket, name, generation, cancellationToken))
            {
                return true;
            }
        }

        throw new InvalidOperationException($"The thumbnail of '{name}' kept changing under us; retry later.");
    }
}
