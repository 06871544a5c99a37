using System.Globalization;

namespace PicADaily.LocalCloud.PubSub.Delivery;

/// <summary>
/// Pull, acknowledge and modifyAckDeadline. An ack id is <c>{messageId}-{lease}</c>. A lease past its
/// deadline is a nack; a timer on <see cref="TimeProvider"/> finds those, so nothing that only reads
/// (the status page) has to.
/// </summary>
public sealed class PullLeases(PubSubRegistry registry, DeliveryOutcomes outcomes, TimeProvider time, ILogger<PullLeases> logger)
{
    /// <summary>How often expired leases are looked for: a lease ends at most this much after its deadline.</summary>
    internal static readonly TimeSpan ExpiryInterval = TimeSpan.FromSeconds(1);

    private ITimer? timer;
    private int sweeping;

    public void Start() => timer = time.CreateTimer(_ => OnTick(), null, ExpiryInterval, ExpiryInterval);

    public async Task StopAsync()
    {
        if (timer is not null)
        {
            await timer.DisposeAsync();
            timer = null;
        }
    }

    public async Task<PullResponse> PullAsync(string name, int maxMessages)
    {
        var runtime = registry.Runtime(name);
        if (maxMessages <= 0)
        {
            throw GoogleErrorException.InvalidArgument("maxMessages must be positive.");
        }

        // Between two ticks a lease may have ended already: hand its message out again now.
        await ExpireAsync(runtime);
        var received = new List<ReceivedMessage>();
        var now = outcomes.NowUnixMs;
        var deadline = now + (1000L * (runtime.Config.AckDeadlineSeconds ?? 10));
        while (received.Count < maxMessages && runtime.TryTake(now, out var delivery, out _))
        {
            runtime.SetLeaseDeadline(delivery!, deadline);
            runtime.Counters.CountDelivered();
            var message = delivery!.Message;
            received.Add(new ReceivedMessage(
                $"{message.Id}-{delivery.Lease}",
                new WireMessage
                {
                    Data = Convert.ToBase64String(message.Data),
                    Attributes = message.Attributes.Count > 0 ? new Dictionary<string, string>(message.Attributes) : null,
                    MessageId = message.MessageId,
                    PublishTime = PublishTimes.Format(message.PublishTime),
                },
                runtime.Config.DeadLetterPolicy is null ? null : delivery.Failures + 1));
        }

        return new PullResponse(received.Count > 0 ? received : null);
    }

    public async Task AcknowledgeAsync(string name, IReadOnlyList<string> ackIds)
    {
        var runtime = registry.Runtime(name);
        foreach (var delivery in Resolve(runtime, ackIds))
        {
            await outcomes.AckAsync(runtime, delivery);
        }
    }

    /// <summary>0 = nack now; otherwise extends the lease.</summary>
    public async Task ModifyAckDeadlineAsync(string name, IReadOnlyList<string> ackIds, int seconds)
    {
        var runtime = registry.Runtime(name);
        if (seconds is < 0 or > 600)
        {
            throw GoogleErrorException.InvalidArgument("ackDeadlineSeconds must be 0–600.");
        }

        foreach (var delivery in Resolve(runtime, ackIds).Where(d => d.InFlight))
        {
            if (seconds == 0)
            {
                await outcomes.NackAsync(runtime, delivery);
            }
            else
            {
                runtime.SetLeaseDeadline(delivery, outcomes.NowUnixMs + (1000L * seconds));
            }
        }
    }

    private void OnTick()
    {
        // One sweep at a time: a slow store must not stack sweeps up behind it.
        if (Interlocked.Exchange(ref sweeping, 1) == 0)
        {
            _ = SweepAsync();
        }
    }

    private async Task SweepAsync()
    {
        try
        {
            foreach (var runtime in registry.Subscriptions)
            {
                await ExpireAsync(runtime);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Expired pull leases could not be returned yet; the next tick tries again");
        }
        finally
        {
            Volatile.Write(ref sweeping, 0);
        }
    }

    private async Task ExpireAsync(SubscriptionRuntime runtime)
    {
        foreach (var expired in runtime.TakeExpiredLeases(outcomes.NowUnixMs))
        {
            await outcomes.NackAsync(runtime, expired);
        }
    }

    // Acking an unknown or stale ack id is not an error on Google Cloud either.
    private static List<PendingDelivery> Resolve(SubscriptionRuntime runtime, IReadOnlyList<string> ackIds)
    {
        if (ackIds.Count == 0)
        {
            throw GoogleErrorException.InvalidArgument("ackIds must not be empty.");
        }

        var found = new List<PendingDelivery>();
        foreach (var ackId in ackIds)
        {
            var parts = (ackId ?? "").Split('-');
            if (parts.Length != 2
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var messageId)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var lease))
            {
                throw GoogleErrorException.InvalidArgument($"Invalid ack id '{ackId}'.");
            }

            if (runtime.Find(messageId) is { } delivery && delivery.Lease == lease)
            {
                found.Add(delivery);
            }
        }

        return found;
    }
}
