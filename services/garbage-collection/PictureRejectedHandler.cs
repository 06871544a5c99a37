using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Payloads;
using PicADaily.Pictures;
using PicADaily.ServiceDefaults.Events;

namespace PicADaily.GarbageCollection;

/// <summary>A picture was found unsafe: its thumbnail must not stay public. The document stays, as the record of the verdict.</summary>
public sealed class PictureRejectedHandler(
    GenerationGuardedArtifacts artifacts,
    ActivityAnnouncer announcer) : IEventHandler<ActivityEvent<PictureRejected>>
{
    public async Task<HandlerOutcome> HandleAsync(ActivityEvent<PictureRejected> rejected, CancellationToken cancellationToken)
    {
        var picture = rejected.Data;
        var swept = await artifacts.DeleteUpToAsync(picture.Name, picture.Generation, cancellationToken);
        if (swept.Outcome is { } contended)
        {
            return contended;
        }

        if (!swept.Value)
        {
            return HandlerOutcome.Ignored("no thumbnail of this generation exists");
        }

        await announcer.AnnounceAsync(new PictureCleaned(picture.Bucket, picture.Name, picture.Generation, ThumbnailDeleted: true, DocumentDeleted: false), cancellationToken);
        return HandlerOutcome.Handled("thumbnail of an unsafe picture removed");
    }
}
