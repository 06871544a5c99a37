using PicADaily.Contracts.PubSub;

namespace PicADaily.GoogleCloud.PubSub;

/// <summary>Publishes messages to a Pub/Sub topic of the configured project.</summary>
public interface IPubSubPublisher
{
    /// <summary>
    /// Publishes <paramref name="messages"/> to <paramref name="topicId"/> and returns their message
    /// ids in the same order. Throws <see cref="Errors.GoogleApiRequestException"/> (NotFound when
    /// the topic does not exist).
    /// </summary>
    Task<IReadOnlyList<string>> PublishAsync(string topicId, IReadOnlyList<PubSubMessage> messages, CancellationToken cancellationToken);
}
