using PicADaily.Contracts.Decoding;

namespace PicADaily.ServiceDefaults.Events;

/// <summary>
/// Handles one kind of event. Drop what must be ignored first (stale generation, own outputs),
/// then do the work; pass the cancellation token everywhere. Throwing means "retry" (5xx).
/// </summary>
public interface IEventHandler<in TEvent>
    where TEvent : InboundEvent
{
    Task<HandlerOutcome> HandleAsync(TEvent inboundEvent, CancellationToken cancellationToken);
}
