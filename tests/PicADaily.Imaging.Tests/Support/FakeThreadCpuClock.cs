using Microsoft.Extensions.Time.Testing;

namespace PicADaily.Imaging.Tests;

/// <summary>
/// The CPU time of decode threads, played against a fake clock: a thread gets <see cref="CpuShare"/> of
/// every second the test advances (1 = a core of its own, 0.25 = sharing a core four ways). A decode can be
/// held before its work starts, as if waiting for a core (it then uses no CPU).
/// </summary>
internal sealed class FakeThreadCpuClock(FakeTimeProvider time) : IThreadCpuClock
{
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public double CpuShare { get; set; } = 1;

    /// <summary>Decode threads wait for this before their work starts (by default they do not wait).</summary>
    public ManualResetEventSlim Hold { get; } = new(initialState: true);

    /// <summary>Completes when a decode thread has reached the clock (and, when held, is waiting).</summary>
    public Task Started => started.Task;

    public IThreadCpuMeter? StartOnCurrentThread()
    {
        started.TrySetResult();
        Hold.Wait();
        return new Meter(this, Now);
    }

    private DateTimeOffset Now => time.GetUtcNow();

    private sealed class Meter(FakeThreadCpuClock clock, DateTimeOffset since) : IThreadCpuMeter
    {
        public TimeSpan? Used() => (clock.Now - since) * clock.CpuShare;
    }
}
