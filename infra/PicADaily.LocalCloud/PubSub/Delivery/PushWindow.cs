namespace PicADaily.LocalCloud.PubSub.Delivery;

/// <summary>
/// How many pushes of one subscription may be outstanding at once: Pub/Sub's push flow control, so
/// a busy endpoint (429, 5xx, no answer) is offered less work instead of a fixed 32 at a time.
/// </summary>
/// <remarks>
/// TCP-like additive increase, multiplicative decrease:
/// <list type="bullet">
/// <item>It starts at one outstanding push.</item>
/// <item>Slow start: until the first overload each ack adds one, so the window doubles with every
/// window's worth of acks (one round trip) — Google's "doubles with each success", without letting a
/// few quick acks open all slots at once.</item>
/// <item>After the first overload each full window of acks (at least <see cref="MinimumAcksPerProbe"/>)
/// adds one: it probes upwards slowly instead of overshooting again. The minimum matters for an
/// endpoint that takes one or two at a time, which would otherwise reject every other push.</item>
/// <item>Every overload halves it, never below one.</item>
/// <item>It never exceeds <see cref="Ceiling"/>.</item>
/// </list>
/// An ack counts towards growth only while more than half of the window is in use (TCP's
/// "cwnd-limited" rule): an endpoint that was offered one push at a time has not shown it can take
/// 32, so a burst after a quiet trickle is not pushed all at once. Not a <c>System.Threading.RateLimiting.ConcurrencyLimiter</c>: its permit count is fixed.
/// </remarks>
public sealed class PushWindow
{
    /// <summary>Acks needed after the first overload before a small window tries one more push.</summary>
    public const int MinimumAcksPerProbe = 4;

    private readonly Lock gate = new();
    private int size = 1;
    private int inFlight;
    private bool slowStart = true;
    private int acksSinceGrowth;

    public PushWindow(int ceiling) => Ceiling = Math.Max(1, ceiling);

    /// <summary>The most the window may grow to (<see cref="PubSubOptions.PushConcurrency"/>).</summary>
    public int Ceiling { get; }

    /// <summary>Pushes allowed to be outstanding now.</summary>
    public int Size
    {
        get
        {
            lock (gate)
            {
                return size;
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

    /// <summary>Takes a slot when fewer than <see cref="Size"/> pushes are outstanding.</summary>
    public bool TryAcquire()
    {
        lock (gate)
        {
            if (inFlight >= size)
            {
                return false;
            }

            inFlight++;
            return true;
        }
    }

    /// <summary>Frees the slot of a push the endpoint acked, and grows the window if it was in use.</summary>
    public void ReleaseAcked()
    {
        lock (gate)
        {
            var inUse = inFlight * 2 > size;
            inFlight--;
            if (!inUse || size >= Ceiling)
            {
                return;
            }

            if (slowStart || ++acksSinceGrowth >= Math.Max(size, MinimumAcksPerProbe))
            {
                size++;
                acksSinceGrowth = 0;
            }
        }
    }

    /// <summary>Frees the slot of a push the endpoint refused as busy or failing, and halves the window.</summary>
    /// <returns>The new size when the window shrank; null when it was already at one.</returns>
    public int? ReleaseOverloaded()
    {
        lock (gate)
        {
            inFlight--;
            slowStart = false;
            acksSinceGrowth = 0;

            // Rounded up, so an endpoint that takes two at a time settles between 2 and 3, not 1 and 3.
            var halved = (size + 1) / 2;
            if (halved == size)
            {
                return null;
            }

            size = halved;
            return size;
        }
    }

    /// <summary>Frees a slot without changing the window: the outcome says nothing about load (a 400, a shutdown).</summary>
    public void Release()
    {
        lock (gate)
        {
            inFlight--;
        }
    }
}
