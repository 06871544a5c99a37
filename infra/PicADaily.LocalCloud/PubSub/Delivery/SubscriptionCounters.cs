namespace PicADaily.LocalCloud.PubSub.Delivery;

/// <summary>What happened on one subscription since LocalCloud started (for the status page).</summary>
public sealed class SubscriptionCounters
{
    private long delivered;
    private long acked;
    private long nacked;
    private long deadLettered;
    private long filtered;

    public long Delivered => Interlocked.Read(ref delivered);

    public long Acked => Interlocked.Read(ref acked);

    public long Nacked => Interlocked.Read(ref nacked);

    public long DeadLettered => Interlocked.Read(ref deadLettered);

    /// <summary>Messages the filter did not match: acked without delivery.</summary>
    public long Filtered => Interlocked.Read(ref filtered);

    public void CountDelivered() => Interlocked.Increment(ref delivered);

    public void CountAcked() => Interlocked.Increment(ref acked);

    public void CountNacked() => Interlocked.Increment(ref nacked);

    public void CountDeadLettered() => Interlocked.Increment(ref deadLettered);

    public void CountFiltered() => Interlocked.Increment(ref filtered);
}
