using System.Threading.RateLimiting;

namespace PicADaily.Imaging;

/// <summary>
/// How many decodes may run at once in this process (default: one per core), first come first served.
/// A decode holds a whole core (ImageSharp runs single-threaded here, see <c>ImagingConfiguration</c>), so
/// more decodes than cores only make each one slower until all of them miss their time limit. The queue is
/// not bounded here: the event endpoint's admission bounds how much work can be waiting.
/// One per process, shared by every <see cref="SafeImageLoader"/> made through dependency injection.
/// </summary>
public sealed class DecodeSlots : IDisposable
{
    private readonly ConcurrencyLimiter limiter;

    public DecodeSlots(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = capacity,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>One slot per core.</summary>
    public static int DefaultCapacity => Environment.ProcessorCount;

    public int Capacity { get; }

    /// <summary>Decodes waiting for a slot.</summary>
    public long Waiting => limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>Waits for a free slot; dispose the lease to free it.</summary>
    public async ValueTask<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new InvalidOperationException("The decode queue refused a request although it is unbounded.");
        }

        return lease;
    }

    public void Dispose() => limiter.Dispose();
}
