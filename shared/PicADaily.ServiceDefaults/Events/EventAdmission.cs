using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PicADaily.ServiceDefaults.Events;

/// <summary>
/// At most <see cref="EventAdmissionOptions.MaxConcurrent"/> events in progress per process; the next one
/// is refused at once rather than queued, so the sender (Pub/Sub push) backs off and redelivers instead of
/// piling work onto a machine that cannot finish it in time. One per process.
/// </summary>
public sealed class EventAdmission : IDisposable
{
    private readonly ConcurrencyLimiter limiter;
    private long refusedInARow;

    public EventAdmission(IOptions<EventAdmissionOptions> options)
    {
        Capacity = options.Value.MaxConcurrent;
        limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Capacity,
            QueueLimit = 0,
        });
    }

    public int Capacity { get; }

    /// <summary>Takes a place if one is free, without waiting. Dispose the lease when the answer is written.</summary>
    /// <returns>
    /// The lease (check <see cref="RateLimitLease.IsAcquired"/>) and how many events in a row had been
    /// refused: counting this one when refused, or the busy spell that this admission ends.
    /// </returns>
    public (RateLimitLease Lease, long RefusedInARow) TryAdmit()
    {
        var lease = limiter.AttemptAcquire();
        var refused = lease.IsAcquired ? Interlocked.Exchange(ref refusedInARow, 0) : Interlocked.Increment(ref refusedInARow);
        return (lease, refused);
    }

    public void Dispose() => limiter.Dispose();
}
