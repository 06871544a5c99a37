using System.Collections.Concurrent;
using CloudNative.CloudEvents;
using PicADaily.Contracts.Publishing;

namespace PicADaily.Testing;

/// <summary>Keeps what the handler published, in order.</summary>
public sealed class RecordingEventPublisher : IEventPublisher
{
    public ConcurrentQueue<(string Topic, CloudEvent Event)> Published { get; } = new();

    public IEnumerable<T> Payloads<T>() => Published.Select(p => p.Event.Data).OfType<T>();

    public Task PublishAsync(string topicId, CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        Published.Enqueue((topicId, cloudEvent));
        return Task.CompletedTask;
    }
}
