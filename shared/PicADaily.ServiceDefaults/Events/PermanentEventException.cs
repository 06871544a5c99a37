namespace PicADaily.ServiceDefaults.Events;

/// <summary>
/// Thrown from deep inside a handler's collaborators when the event can never be handled, whoever
/// retries it (a dependency refusing the request itself as malformed): the endpoint treats it as
/// <see cref="HandlerOutcome.Failed"/> with this reason, so it is reported and acked, not redelivered
/// until it is dead-lettered.
/// </summary>
public sealed class PermanentEventException(string reasonCode, string reason, Exception? inner = null) : Exception(reason, inner)
{
    public string ReasonCode { get; } = reasonCode;

    public HandlerOutcome Outcome => HandlerOutcome.Failed(ReasonCode, Message);
}
