namespace PicADaily.LocalCloud.PubSub.State;

/// <summary>One message awaiting ack on one subscription. Guarded by its subscription's lock.</summary>
public sealed class PendingDelivery(StoredMessage message, int failures, long dueAtUnixMs)
{
    public StoredMessage Message { get; } = message;

    /// <summary>Failed deliveries so far; the next delivery attempt is number <c>Failures + 1</c>.</summary>
    public int Failures { get; internal set; } = failures;

    public long DueAtUnixMs { get; internal set; } = dueAtUnixMs;

    public bool InFlight { get; internal set; }

    public bool Removed { get; internal set; }

    /// <summary>For pull: when an unacked lease counts as a nack.</summary>
    public long LeaseDeadlineUnixMs { get; internal set; }

    /// <summary>Bumped on every hand-out, so an ack id of an older lease can be told apart.</summary>
    public int Lease { get; internal set; }

    /// <summary>Read after a hand-out: an earlier delivery was nacked (also before a restart) or handed out in this run.</summary>
    public bool DeliveredBefore => Failures > 0 || Lease > 1;
}
