using CloudNative.CloudEvents;

namespace PicADaily.Contracts.Publishing;

/// <summary>Publishes a CloudEvent to a Pub/Sub topic (implemented over the Pub/Sub REST client).</summary>
public interface IEventPublisher
{
    /// <param name="topicId">A topic id such as <see cref="Events.Topics.PictureActivity"/>.</param>
    Task PublishAsync(string topicId, CloudEvent cloudEvent, CancellationToken cancellationToken);
}
