using System.Threading.RateLimiting;

namespace PicADaily.Imaging;

/// <summary>
/// A count of permits handed out in arrival order from an unbounded queue (the event endpoint's admission
/// bounds how much can wait): the decode slots, the decode pixel budget and the originals budget are each
/// one. A request for more than the whole count waits until all of it is free and then takes it alone.
/// </summary>
internal sealed class FirstComeFirstServed : IDisposable
{
    private readonly ConcurrencyLimiter limiter;

    public FirstComeFirstServed(long permits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permits, int.MaxValue);
        Permits = permits;
        limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = (int)permits,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public long Permits { get; }

    public long Available => limiter.GetStatistics()?.CurrentAvailablePermits ?? 0;

    /// <summary>Permits asked for by requests still waiting.</summary>
    public long Queued => limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>Waits for <paramref name="count"/> permits (at least one, at most all of them); dispose the lease to give them back.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(long count, CancellationToken cancellationToken)
    {
        var lease = await limiter.AcquireAsync((int)Math.Clamp(count, 1, Permits), cancellationToken);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new InvalidOperationException("A first-come-first-served queue refused a request although it is unbounded.");
        }

        return lease;
    }

    public void Dispose() => limiter.Dispose();
}
