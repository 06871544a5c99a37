namespace PicADaily.LocalCloud.Hosting;

/// <summary>
/// LocalCloud's one wake-up (push dispatchers, the storage outbox): auto-reset, and a
/// <see cref="Set"/> before a wait is not lost, so a dispatcher that found nothing to do and then
/// waits still sees the message published in between.
/// </summary>
public sealed class AsyncSignal
{
    private readonly Lock gate = new();
    private TaskCompletionSource current = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set()
    {
        lock (gate)
        {
            current.TrySetResult();
        }
    }

    /// <summary>Returns when set (consuming it), after <paramref name="timeout"/>, or throws when cancelled.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task task;
        lock (gate)
        {
            if (current.Task.IsCompleted)
            {
                current = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return;
            }

            task = current.Task;
        }

        try
        {
            await task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Woken by the clock: a backoff or lease came due.
        }
    }
}
