using Microsoft.Extensions.Options;

using PicADaily.LocalCloud.PubSub;

namespace PicADaily.LocalCloud.Storage.Notifications;

/// <summary>
/// Publishes queued bucket notifications through <see cref="IMessagePublisher"/> and removes each
/// only after its publish returned (at least once: a crash in between publishes it again). Runs
/// from start-up, so notifications queued before a crash go out after the restart. Failures
/// (no publisher yet, missing topic) are logged and retried with exponential backoff, never dropped.
/// </summary>
public sealed class OutboxDispatcher(
    StorageIndex index,
    [FromKeyedServices(OutboxDispatcher.SignalKey)] AsyncSignal signal,
    IServiceProvider services,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>The key of the signal that wakes the dispatcher when a change has queued notifications.</summary>
    public const string SignalKey = "storage-outbox";

    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await DispatchDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Storage notification outbox could not be read; trying again");
                handled = 0;
            }

            if (handled == BatchSize)
            {
                continue;
            }

            await signal.WaitAsync(TimeUntilNextAttempt(), stoppingToken);
        }
    }

    private async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<OutboxEntry> due;
        using (var session = index.Open())
        {
            due = session.DueOutbox(time.GetUtcNow().UtcTicks, BatchSize);
        }

        var publisher = services.GetService<IMessagePublisher>();
        foreach (var entry in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (publisher is null)
            {
                logger.LogWarning("No Pub/Sub publisher is available; storage notification {OutboxId} for {Topic} waits (attempt {Attempt})", entry.Id, entry.Topic, entry.Attempts + 1);
                Reschedule(entry);
                continue;
            }

            try
            {
                var messageId = await publisher.PublishAsync(entry.Topic, entry.Data, entry.Attributes, cancellationToken);
                using var session = index.Open();
                session.RemoveFromOutbox(entry.Id);
                logger.LogDebug("Published storage notification {OutboxId} ({EventType} {Bucket}/{Object}) as message {MessageId}",
                    entry.Id, entry.Attributes.GetValueOrDefault("eventType"), entry.Attributes.GetValueOrDefault("bucketId"), entry.Attributes.GetValueOrDefault("objectId"), messageId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Publishing storage notification {OutboxId} to {Topic} failed (attempt {Attempt}); it will be retried", entry.Id, entry.Topic, entry.Attempts + 1);
                Reschedule(entry);
            }
        }

        return due.Count;
    }

    private void Reschedule(OutboxEntry entry)
    {
        var settings = options.Value;
        var attempts = entry.Attempts + 1;
        var delay = Backoff.Delay(settings.RetryInitialDelay, settings.RetryMaxDelay, attempts);
        using var session = index.Open();
        session.RescheduleOutbox(entry.Id, attempts, (time.GetUtcNow() + delay).UtcTicks);
    }

    private TimeSpan TimeUntilNextAttempt()
    {
        using var session = index.Open();
        var next = session.NextOutboxAttemptTicks();
        if (next is null)
        {
            return Timeout.InfiniteTimeSpan;
        }

        var wait = TimeSpan.FromTicks(next.Value - time.GetUtcNow().UtcTicks);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
