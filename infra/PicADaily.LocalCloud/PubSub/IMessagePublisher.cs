namespace PicADaily.LocalCloud.PubSub;

/// <summary>
/// Publishes into LocalCloud's own Pub/Sub (durably: once this returns, the message survives a crash).
/// The storage notifications use it; it is what <c>topics/{t}:publish</c> does for an HTTP caller.
/// </summary>
public interface IMessagePublisher
{
    /// <param name="topic">Full topic name, <c>projects/{p}/topics/{t}</c>.</param>
    /// <returns>The message id assigned.</returns>
    /// <exception cref="KeyNotFoundException">The topic does not exist.</exception>
    Task<string> PublishAsync(string topic, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken);
}
