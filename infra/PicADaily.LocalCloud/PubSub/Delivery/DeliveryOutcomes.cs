using System.Globalization;

namespace PicADaily.LocalCloud.PubSub.Delivery;

/// <summary>
/// What happens after a push or a pull: ack, or nack with backoff, or dead-letter after the last
/// attempt. Push and pull share it, so both count attempts and back off the same way.
/// </summary>
public sealed class DeliveryOutcomes(PubSubRegistry registry, PubSubPublisher publisher, TimeProvider time, ILogger<DeliveryOutcomes> logger)
{
    private static readonly TimeSpan PushBackoffMinimum = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PushBackoffMaximum = TimeSpan.FromSeconds(60);

    internal long NowUnixMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    internal async Task AckAsync(SubscriptionRuntime runtime, PendingDelivery delivery)
    {
        if (!runtime.Complete(delivery))
        {
            return;
        }

        runtime.Counters.CountAcked();
        await registry.Store.WriteAsync(c => c.DeleteDelivery(delivery.Message.Id, runtime.Name));
    }

    /// <summary>Acks at once in memory; the delete is committed with the writer's next batch.</summary>
    internal void Acknowledge(SubscriptionRuntime runtime, PendingDelivery delivery)
    {
        if (!runtime.Complete(delivery))
        {
            return;
        }

        runtime.Counters.CountAcked();
        var messageId = delivery.Message.Id;
        registry.Store.WriteAsync(c => c.DeleteDelivery(messageId, runtime.Name)).ContinueWith(
            write => logger.LogWarning(write.Exception, "The ack of message {MessageId} on {Subscription} was not saved; it may be delivered again", messageId, runtime.Name),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    internal async Task NackAsync(SubscriptionRuntime runtime, PendingDelivery delivery)
    {
        var failures = delivery.Failures + 1;
        runtime.Counters.CountNacked();
        var config = runtime.Config;
        if (config.DeadLetterPolicy is { DeadLetterTopic: { } deadLetterTopic } policy && failures >= (policy.MaxDeliveryAttempts ?? 5))
        {
            if (await TryDeadLetterAsync(runtime, delivery, deadLetterTopic, failures))
            {
                return;
            }
        }

        var due = NowUnixMs + (long)RedeliveryDelay(runtime, failures).TotalMilliseconds;
        await registry.Store.WriteAsync(c => c.UpdateDelivery(delivery.Message.Id, runtime.Name, failures, due));
        runtime.Requeue(delivery, failures, due);
    }

    private async Task<bool> TryDeadLetterAsync(SubscriptionRuntime runtime, PendingDelivery delivery, string deadLetterTopic, int failures)
    {
        var (project, subscriptionId) = ResourceNames.Parse(runtime.Name, "subscriptions");
        var message = delivery.Message;
        var attributes = new Dictionary<string, string>(message.Attributes, StringComparer.Ordinal)
        {
            ["CloudPubSubDeadLetterSourceDeliveryCount"] = failures.ToString(CultureInfo.InvariantCulture),
            ["CloudPubSubDeadLetterSourceSubscription"] = subscriptionId,
            ["CloudPubSubDeadLetterSourceSubscriptionProject"] = project,
            ["CloudPubSubDeadLetterSourceTopicPublishTime"] = PublishTimes.Format(message.PublishTime),
        };
        try
        {
            await publisher.PublishAsync(deadLetterTopic, [(message.Data, attributes)]);
        }
        catch (GoogleErrorException e)
        {
            // Keep the message rather than lose it: it stays on the subscription and is retried.
            logger.LogWarning("Cannot dead-letter message {MessageId} of {Subscription} to {Topic}: {Reason}",
                message.MessageId, runtime.Name, deadLetterTopic, e.Message);
            return false;
        }

        if (runtime.Complete(delivery))
        {
            runtime.Counters.CountDeadLettered();
            await registry.Store.WriteAsync(c => c.DeleteDelivery(message.Id, runtime.Name));
        }

        return true;
    }

    // With a retry policy: its exponential backoff. Without: "as soon as possible" for pull, and for
    // push Pub/Sub's own push backoff, so a failing endpoint is not hammered in a tight loop.
    private static TimeSpan RedeliveryDelay(SubscriptionRuntime runtime, int failures)
    {
        var config = runtime.Config;
        if (config.RetryPolicy is { } retry)
        {
            return Backoff.Delay(
                SubscriptionValidator.ParseDuration(retry.MinimumBackoff ?? "10s", "minimumBackoff"),
                SubscriptionValidator.ParseDuration(retry.MaximumBackoff ?? "600s", "maximumBackoff"),
                failures);
        }

        return runtime.PushEndpoint is null ? TimeSpan.Zero : Backoff.Delay(PushBackoffMinimum, PushBackoffMaximum, failures);
    }
}
