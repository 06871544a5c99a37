using Microsoft.Extensions.Options;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Publishing;
using PicADaily.GoogleCloud.Pictures;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.GarbageCollection;

/// <summary>
/// A picture generation left the bucket: its thumbnail and document go too. Only artifacts of that
/// generation or older are touched, so the delete half of an overwrite (which names the old
/// generation) never removes what the new generation made, in whichever order the events arrive;
/// and nothing is touched while the bucket still holds the named generation (or an older one).
/// </summary>
public sealed class PictureDeletedHandler(
    PictureStorage storage,
    ThumbnailSweeper sweeper,
    PictureCatalog catalog,
    IEventPublisher publisher,
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
            logger.LogWarning(
                "Ignored a delete of {Bucket}/{Name} generation {Generation}: generation {LiveGeneration} is still live",
                deleted.Bucket, deleted.Name, deleted.Generation, liveGeneration);
            return HandlerOutcome.Ignored($"generation {liveGeneration} is still live; nothing removed");
        }

        var thumbnailDeleted = await sweeper.SweepAsync(deleted.Name, deleted.Generation, cancellationToken);
        var documentDeleted = await catalog.RemoveAsync(deleted.Name, deleted.Generation, cancellationToken);
        if (!thumbnailDeleted && !documentDeleted)
        {
            return HandlerOutcome.Ignored("nothing of this generation was left");
        }

        var cleaned = new PictureCleaned(deleted.Bucket, deleted.Name, deleted.Generation, thumbnailDeleted, documentDeleted);
        await publisher.PublishAsync(Topics.PictureActivity, ActivityEventFactory.Create(settings.Value.ServiceName, cleaned), cancellationToken);
        var why = deleted.IsSupersede ? $"replaced by generation {deleted.OverwrittenByGeneration}" : "deleted";
        return HandlerOutcome.Handled($"{why}: thumbnail {(thumbnailDeleted ? "removed" : "none")}, document {(documentDeleted ? "removed" : "none")}");
    }
}
