using CloudNative.CloudEvents;
using PicADaily.Contracts.Publishing;

namespace PicADaily.GoogleCloud.PubSub;

/// <summary>Publishes our CloudEvents to Pub/Sub with the CloudEvents Pub/Sub binding (binary mode).</summary>
public sealed class PubSubEventPublisher(IPubSubPublisher publisher) : IEventPublisher
{
    public Task PublishAsync(string topicId, CloudEvent cloudEvent, CancellationToken cancellationToken) =>
        publisher.PublishAsync(topicId, [PubSubCloudEventEncoder.Encode(cloudEvent)], cancellationToken);
}
