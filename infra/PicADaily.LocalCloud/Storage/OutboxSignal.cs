namespace PicADaily.LocalCloud.Storage;

/// <summary>Wakes the outbox dispatcher when a change has queued notifications.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim pending = new(0, 1);

    public void Notify()
    {
        try
        {
            pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the dispatcher will look at the whole outbox anyway.
        }
    }

    /// <returns>True when notified, false when the timeout passed.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => pending.WaitAsync(timeout, cancellationToken);
}
