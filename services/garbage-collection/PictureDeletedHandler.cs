using Microsoft.Extensions.Options;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Payloads;
using PicADaily.Pictures;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.GarbageCollection;

/// <summary>
/// A picture generation left the bucket: its thumbnail and document go too. Only artifacts of that
/// generation or older are touched, so the delete half of an overwrite (which names the old
/// generation) never removes what the new generation made, in whichever order the events arrive;
/// and nothing is touched while the bucket still holds the named generation (or an older one).
/// </summary>
public sealed partial class PictureDeletedHandler(
    PictureStorage storage,
    GenerationGuardedArtifacts artifacts,
    PictureCatalog catalog,
    ActivityAnnouncer announcer,
    IOptions<PicADailySettings> settings,
    ILogger<PictureDeletedHandler> logger) : IEventHandler<StorageObjectEvent>
{
    public async Task<HandlerOutcome> HandleAsync(StorageObjectEvent deleted, CancellationToken cancellationToken)
    {
        if (deleted.Bucket != settings.Value.PicturesBucket)
        {
            return HandlerOutcome.Ignored($"bucket '{deleted.Bucket}' is not the pictures bucket");
        }

        // A notification is only a claim: a forged or replayed DELETE must not remove what a live
        // picture shows. Cleanup proceeds only once the bucket confirms that the named generation is
        // gone and nothing as old or older is live in its place (artifacts ≤ G are all we touch).
        var live = await storage.GetAsync(deleted.Bucket, deleted.Name, generation: null, cancellationToken);
        if (live?.Generation is { } liveGeneration && liveGeneration <= deleted.Generation)
        {
            LogStillLive(logger, deleted.Bucket, deleted.Name, deleted.Generation, liveGeneration);
            return HandlerOutcome.Ignored($"generation {liveGeneration} is still live; nothing removed");
        }

        var thumbnail = await artifacts.DeleteUpToAsync(deleted.Name, deleted.Generation, cancellationToken);
        if (thumbnail.Outcome is { } thumbnailContended)
        {
            return thumbnailContended;
        }

        var document = await catalog.RemoveAsync(deleted.Name, deleted.Generation, cancellationToken);
        if (document.Outcome is { } documentContended)
        {
            return documentContended;
        }

        var (thumbnailDeleted, documentDeleted) = (thumbnail.Value, document.Value);
        if (!thumbnailDeleted && !documentDeleted)
        {
            return HandlerOutcome.Ignored("nothing of this generation was left");
        }

        await announcer.AnnounceAsync(new PictureCleaned(deleted.Bucket, deleted.Name, deleted.Generation, thumbnailDeleted, documentDeleted), cancellationToken);
        var why = deleted.IsSupersede ? $"replaced by generation {deleted.OverwrittenByGeneration}" : "deleted";
        return HandlerOutcome.Handled($"{why}: thumbnail {(thumbnailDeleted ? "removed" : "none")}, document {(documentDeleted ? "removed" : "none")}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a delete of {Bucket}/{Name} generation {Generation}: generation {LiveGeneration} is still live")]
    private static partial void LogStillLive(ILogger logger, string bucket, string name, long generation, long liveGeneration);
}
