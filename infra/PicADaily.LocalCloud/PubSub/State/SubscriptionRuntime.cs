namespace PicADaily.LocalCloud.PubSub.State;

/// <summary>
/// The live state of one subscription: its unacked messages ordered by when they are next due,
/// which of them are in flight, and counters. Durable state lives in the store; this mirrors it.
/// </summary>
public sealed class SubscriptionRuntime(SubscriptionResource config, FilterExpression? filter)
{
    private readonly Lock gate = new();
    private readonly Dictionary<long, PendingDelivery> entries = [];
    private readonly PriorityQueue<PendingDelivery, (long Due, long Id)> ready = new();
    private int inFlight;

    public string Name { get; } = config.Name!;

    public SubscriptionResource Config { get; private set; } = config;

    public FilterExpression? Filter { get; } = filter;

    public SubscriptionCounters Counters { get; } = new();

    /// <summary>Set when messages arrive or the push config changes.</summary>
    public AsyncSignal Signal { get; } = new();

    public bool Deleted { get; private set; }

    public string? PushEndpoint => Config.PushConfig?.PushEndpoint is { Length: > 0 } endpoint ? endpoint : null;

    public int Backlog
    {
        get
        {
            lock (gate)
            {
                return entries.Count - inFlight;
            }
        }
    }

    public int InFlight
    {
        get
        {
            lock (gate)
            {
                return inFlight;
            }
        }
    }

    public void UpdateConfig(SubscriptionResource updated)
    {
        Config = updated;
        Signal.Set();
    }

    public void MarkDeleted()
    {
        Deleted = true;
        Signal.Set();
    }

    public void Add(StoredMessage message, int failures, long dueAtUnixMs)
    {
        lock (gate)
        {
            if (Deleted || entries.ContainsKey(message.Id))
            {
                return;
            }

            var delivery = new PendingDelivery(message, failures, dueAtUnixMs);
            entries.Add(message.Id, delivery);
            ready.Enqueue(delivery, (dueAtUnixMs, message.Id));
        }

        Signal.Set();
    }

    /// <summary>Hands out the next due message, or says how long until one is due.</summary>
    public bool TryTake(long nowUnixMs, out PendingDelivery? delivery, out TimeSpan wait)
    {
        lock (gate)
        {
            while (ready.TryPeek(out var head, out var priority))
            {
                if (head.Removed || head.InFlight || head.DueAtUnixMs != priority.Due)
                {
                    ready.Dequeue();
                    continue;
                }

                if (priority.Due > nowUnixMs)
                {
                    break;
                }

                ready.Dequeue();
                head.InFlight = true;
                head.Lease++;
                inFlight++;
                delivery = head;
                wait = TimeSpan.Zero;
                return true;
            }

            delivery = null;
            wait = ready.TryPeek(out _, out var next)
                ? TimeSpan.FromMilliseconds(Math.Max(1, next.Due - nowUnixMs))
                : Timeout.InfiniteTimeSpan;
            return false;
        }
    }

    /// <summary>
    /// Ends the pull leases whose ack deadline passed (they count as nacks); each is handed to one
    /// caller only, so the lease timer and a pull never nack the same lease twice.
    /// </summary>
    public List<PendingDelivery> TakeExpiredLeases(long nowUnixMs)
    {
        lock (gate)
        {
            var expired = entries.Values.Where(e => e.InFlight && e.LeaseDeadlineUnixMs > 0 && e.LeaseDeadlineUnixMs <= nowUnixMs).ToList();
            foreach (var delivery in expired)
            {
                delivery.LeaseDeadlineUnixMs = 0;
            }

            return expired;
        }
    }

    public void SetLeaseDeadline(PendingDelivery delivery, long deadlineUnixMs)
    {
        lock (gate)
        {
            delivery.LeaseDeadlineUnixMs = deadlineUnixMs;
        }
    }

    public PendingDelivery? Find(long messageId)
    {
        lock (gate)
        {
            return entries.GetValueOrDefault(messageId);
        }
    }

    /// <summary>Removes an acked (or dead-lettered) message; false when something else already did.</summary>
    public bool Complete(PendingDelivery delivery)
    {
        lock (gate)
        {
            if (delivery.Removed)
            {
                return false;
            }

            delivery.Removed = true;
            entries.Remove(delivery.Message.Id);
            if (delivery.InFlight)
            {
                delivery.InFlight = false;
                inFlight--;
            }

            return true;
        }
    }

    /// <summary>Puts a nacked message back, due at <paramref name="dueAtUnixMs"/>.</summary>
    public void Requeue(PendingDelivery delivery, int failures, long dueAtUnixMs)
    {
        lock (gate)
        {
            if (delivery.Removed || !delivery.InFlight)
            {
                return;
            }

            delivery.InFlight = false;
            inFlight--;
            delivery.Failures = failures;
            delivery.DueAtUnixMs = dueAtUnixMs;
            delivery.LeaseDeadlineUnixMs = 0;
            ready.Enqueue(delivery, (dueAtUnixMs, delivery.Message.Id));
        }

        Signal.Set();
    }
}
