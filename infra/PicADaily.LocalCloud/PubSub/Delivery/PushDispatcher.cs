namespace PicADaily.LocalCloud.PubSub.Delivery;

/// <summary>
/// Pushes one subscription's due messages to its endpoint, at most <c>concurrency</c> at a time.
/// It sleeps on the subscription's signal (a publish, a nack, a config change) or until the next
/// backoff comes due, never on a polling interval.
/// </summary>
internal sealed class PushDispatcher(SubscriptionRuntime runtime, PubSubBroker broker, PushSender sender, int concurrency, ILogger logger)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan UnexpectedFailureDelay = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim slots = new(concurrency, concurrency);
    private Task loop = Task.CompletedTask;

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
        for (var i = 0; i < concurrency; i++)
        {
            if (!await slots.WaitAsync(DrainTimeout))
            {
                break;
            }
        }

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

            await slots.WaitAsync(cancellationToken);
            if (!runtime.TryTake(broker.NowUnixMs, out var delivery, out var wait))
            {
                slots.Release();
                await runtime.Signal.WaitAsync(wait, cancellationToken);
                continue;
            }

            _ = DeliverAsync(delivery!, endpoint, cancellationToken);
        }
    }

    private async Task DeliverAsync(PendingDelivery delivery, string endpoint, CancellationToken cancellationToken)
    {
        try
        {
            runtime.Counters.CountDelivered();
            var acked = await sender.SendAsync(runtime.Config, endpoint, delivery.Message, delivery.Failures + 1, cancellationToken);
            if (acked)
            {
                // The slot is freed without waiting for the ack's commit: losing an ack in a crash
                // only means one more delivery, which at-least-once allows.
                broker.Acknowledge(runtime, delivery);
            }
            else
            {
                await broker.NackAsync(runtime, delivery);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the delivery stays unacked on disk and is pushed again after restart.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Push of message {MessageId} on {Subscription} failed unexpectedly; it will be pushed again",
                delivery.Message.MessageId, runtime.Name);
            runtime.Requeue(delivery, delivery.Failures, broker.NowUnixMs + (long)UnexpectedFailureDelay.TotalMilliseconds);
        }
        finally
        {
            slots.Release();
        }
    }
}
