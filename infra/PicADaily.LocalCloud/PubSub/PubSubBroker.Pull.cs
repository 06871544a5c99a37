using System.Globalization;

using PicADaily.LocalCloud.PubSub.Delivery;
using PicADaily.LocalCloud.PubSub.Model;

namespace PicADaily.LocalCloud.PubSub;

// Pull, acknowledge and modifyAckDeadline. An ack id is "{messageId}-{lease}".
public sealed partial class PubSubBroker
{
    public async Task<PullResponse> PullAsync(string name, int maxMessages)
    {
        var runtime = Runtime(name);
        if (maxMessages <= 0)
        {
            throw PubSubException.InvalidArgument("maxMessages must be positive.");
        }

        await ExpireLeasesAsync(runtime);
        var received = new List<ReceivedMessage>();
        var now = NowUnixMs;
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
        var runtime = Runtime(name);
        foreach (var delivery in Resolve(runtime, ackIds))
        {
            await AckAsync(runtime, delivery);
        }
    }

    /// <summary>0 = nack now; otherwise extends the lease.</summary>
    public async Task ModifyAckDeadlineAsync(string name, IReadOnlyList<string> ackIds, int seconds)
    {
        var runtime = Runtime(name);
        if (seconds is < 0 or > 600)
        {
            throw PubSubException.InvalidArgument("ackDeadlineSeconds must be 0–600.");
        }

        foreach (var delivery in Resolve(runtime, ackIds).Where(d => d.InFlight))
        {
            if (seconds == 0)
            {
                await NackAsync(runtime, delivery);
            }
            else
            {
                runtime.SetLeaseDeadline(delivery, NowUnixMs + (1000L * seconds));
            }
        }
    }

    /// <summary>Pull leases past their deadline are nacks; also called by the status page.</summary>
    internal async Task ExpireLeasesAsync(SubscriptionRuntime runtime)
    {
        foreach (var expired in runtime.TakeExpiredLeases(NowUnixMs))
        {
            await NackAsync(runtime, expired);
        }
    }

    // Acking an unknown or stale ack id is not an error on Google Cloud either.
    private static IEnumerable<PendingDelivery> Resolve(SubscriptionRuntime runtime, IReadOnlyList<string> ackIds)
    {
        if (ackIds.Count == 0)
        {
            throw PubSubException.InvalidArgument("ackIds must not be empty.");
        }

        var found = new List<PendingDelivery>();
        foreach (var ackId in ackIds)
        {
            var parts = (ackId ?? "").Split('-');
            if (parts.Length != 2
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var messageId)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var lease))
            {
                throw PubSubException.InvalidArgument($"Invalid ack id '{ackId}'.");
            }

            if (runtime.Find(messageId) is { } delivery && delivery.Lease == lease)
            {
                found.Add(delivery);
            }
        }

        return found;
    }
}
