using System.Collections.Concurrent;

namespace PicADaily.LocalCloud.PubSub.State;

/// <summary>What happened on one subscription since LocalCloud started (for the status page).</summary>
public sealed class SubscriptionCounters
{
    private readonly ConcurrentDictionary<string, long> nacksByStatus = new(StringComparer.Ordinal);
    private long delivered;
    private long acked;
    private long nacked;
    private long deadLettered;
    private long filtered;
    private long redelivered;

    public long Delivered => Interlocked.Read(ref delivered);

    public long Acked => Interlocked.Read(ref acked);

    public long Nacked => Interlocked.Read(ref nacked);

    public long DeadLettered => Interlocked.Read(ref deadLettered);

    /// <summary>Messages the filter did not match: acked without delivery.</summary>
    public long Filtered => Interlocked.Read(ref filtered);

    /// <summary>Pushes of a message that had been delivered before.</summary>
    public long Redelivered => Interlocked.Read(ref redelivered);

    /// <summary>Push nacks by HTTP status (<c>"429"</c>), plus <c>"timeout"</c> and <c>"connection"</c> for pushes without an answer.</summary>
    public IReadOnlyDictionary<string, long> NacksByStatus => new SortedDictionary<string, long>(nacksByStatus, StringComparer.Ordinal);

    public void CountDelivered() => Interlocked.Increment(ref delivered);

    public void CountAcked() => Interlocked.Increment(ref acked);

    public void CountNacked() => Interlocked.Increment(ref nacked);

    public void CountDeadLettered() => Interlocked.Increment(ref deadLettered);

    public void CountFiltered() => Interlocked.Increment(ref filtered);

    public void CountRedelivered() => Interlocked.Increment(ref redelivered);

    public void CountPushNack(PushOutcome outcome) => nacksByStatus.AddOrUpdate(outcome.Reason, 1, (_, n) => n + 1);
}
