using Microsoft.Extensions.Options;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Publishing;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.GarbageCollection;

/// <summary>A picture was found unsafe: its thumbnail must not stay public. The document stays, as the record of the verdict.</summary>
public sealed class PictureRejectedHandler(
    ThumbnailSweeper sweeper,
    IEventPublisher publisher,
    IOptions<PicADailySettings> settings) : IEventHandler<ActivityEvent<PictureRejected>>
{
    public async Task<HandlerOutcome> HandleAsync(ActivityEvent<PictureRejected> rejected, CancellationToken cancellationToken)
    {
        var picture = rejected.Data;
        if (!await sweeper.SweepAsync(picture.Name, picture.Generation, cancellationToken))
        {
            return HandlerOutcome.Ignored("no thumbnail of this generation exists");
        }

        var cleaned = new PictureCleaned(picture.Bucket, picture.Name, picture.Generation, ThumbnailDeleted: true, DocumentDeleted: false);
        await publisher.PublishAsync(Topics.PictureActivity, ActivityEventFactory.Create(settings.Value.ServiceName, cleaned), cancellationToken);
        return HandlerOutcome.Handled("thumbnail of an unsafe picture removed");
    }
}
