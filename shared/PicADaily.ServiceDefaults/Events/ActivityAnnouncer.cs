using Microsoft.Extensions.Options;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Publishing;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.ServiceDefaults.Events;

/// <summary>Announces what this service did on <c>picture-activity</c>, as a CloudEvent with this service as its source.</summary>
public sealed class ActivityAnnouncer(IEventPublisher publisher, IOptions<PicADailySettings> settings)
{
    /// <param name="payload">One of the activity records, e.g. <c>ThumbnailCreated</c>.</param>
    public Task AnnounceAsync(object payload, CancellationToken cancellationToken) =>
        publisher.PublishAsync(Topics.PictureActivity, ActivityEventFactory.Create(settings.Value.ServiceName, payload), cancellationToken);
}
