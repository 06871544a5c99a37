namespace PicADaily.LocalCloud.PubSub.Delivery;

/// <summary>
/// Pushes one subscription's due messages to its endpoint, at most <see cref="Window"/> at a time:
/// the window grows while the endpoint acks and halves when it answers busy or failing.
/// It sleeps on the subscription's signal (a publish, a nack, a config change), until the next
/// backoff comes due, or until a push frees a slot, never on a polling interval.
/// </summary>
internal sealed class PushDispatcher(SubscriptionRuntime runtime, DeliveryOutcomes outcomes, PushSender sender, int ceiling, ILogger logger)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan UnexpectedFailureDelay = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource stopping = new();

    // Separate from stopping: a push already sent is let finish (bounded) so its outcome is recorded.
    // Cancelled with the loop, a push the endpoint had answered would not count as an attempt, and
    // after a restart the same delivery attempt number would be sent again.
    private readonly CancellationTokenSource abandonPushes = new();
    private readonly AsyncSignal slotFreed = new();
    private Task loop = Task.CompletedTask;

    public PushWindow Window { get; } = new(ceiling);

    public void Start() => loop = Task.Run(() => RunAsync(stopping.Token));

    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
            // The expected way out of the loop.
        }

        // Wait (bounded) for the pushes in flight to settle before the store closes.
        var deadline = DateTime.UtcNow + DrainTimeout;
        while (Window.InFlight > 0 && deadline - DateTime.UtcNow is { Ticks: > 0 } left)
        {
            await slotFreed.WaitAsync(left, CancellationToken.None);
        }

        await abandonPushes.CancelAsync();
        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && !runtime.Deleted)
        {
            var endpoint = runtime.PushEndpoint;
            if (endpoint is null)
            {
                await runtime.Signal.WaitAsync(Timeout.InfiniteTimeSpan, cancellationToken);
                continue;
            }

            if (!Window.TryAcquire())
            {
                await slotFreed.WaitAsync(Timeout.InfiniteTimeSpan, cancellationToken);
                continue;
            }

            if (!runtime.TryTake(outcomes.NowUnixMs, out var delivery, out var wait))
            {
                Window.Release();
                await runtime.Signal.WaitAsync(wait, cancellationToken);
                continue;
            }

            _ = DeliverAsync(delivery!, endpoint, abandonPushes.Token);
        }
    }

    private async Task DeliverAsync(PendingDelivery delivery, string endpoint, CancellationToken cancellationToken)
    {
        PushOutcome? outcome = null;
        try
        {
            runtime.Counters.CountDelivered();
            if (delivery.DeliveredBefore)
            {
                runtime.Counters.CountRedelivered();
            }

            outcome = await sender.SendAsync(runtime.Config, endpoint, delivery.Message, delivery.Failures + 1, cancellationToken);
            if (outcome.Value.Acked)
            {
                // The slot is freed without waiting for the ack's commit: losing an ack in a crash
                // only means one more delivery, which at-least-once allows.
                outcomes.Acknowledge(runtime, delivery);
            }
            else
            {
                // Every nack is a delivery attempt, a 429 too, as on Google Cloud: the window is
                // what keeps rejections rare, not an exemption from retry and dead-letter rules.
                runtime.Counters.CountPushNack(outcome.Value);
                await outcomes.NackAsync(runtime, delivery);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shut down before the endpoint answered: the delivery stays unacked on disk and is pushed again after restart.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Push of message {MessageId} on {Subscription} failed unexpectedly; it will be pushed again",
                delivery.Message.MessageId, runtime.Name);
            runtime.Requeue(delivery, delivery.Failures, outcomes.NowUnixMs + (long)UnexpectedFailureDelay.TotalMilliseconds);
        }
        finally
        {
            FreeSlot(outcome);
        }
    }

    private void FreeSlot(PushOutcome? outcome)
    {
        if (outcome is { Acked: true })
        {
            Window.ReleaseAcked();
        }
        else if (outcome is { SignalsOverload: true } overload)
        {
            if (Window.ReleaseOverloaded() is { } shrunk)
            {
                // Logged per change of the window, which halving bounds to a few lines per burst of rejections.
                logger.LogInformation("Push window of {Subscription} shrank to {PushWindow} after a {PushOutcome} from its endpoint",
                    runtime.Name, shrunk, overload.Reason);
            }
        }
        else
        {
            Window.Release();
        }

        slotFreed.Set();
    }
}
