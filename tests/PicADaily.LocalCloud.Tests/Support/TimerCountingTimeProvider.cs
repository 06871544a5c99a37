using Microsoft.Extensions.Time.Testing;
using PicADaily.Testing;

namespace PicADaily.LocalCloud.Tests.Support;

/// <summary>
/// A fake clock that also says how many timers were created, so a test can wait until a loop is
/// waiting on this clock again before it advances it (advancing earlier would race with the loop).
/// </summary>
public sealed class TimerCountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int created;

    public int TimersCreated => Volatile.Read(ref created);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref created);
        return timer;
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> timers exist.</summary>
    public Task UntilTimersCreatedAsync(int count, TimeSpan timeout) =>
        Eventually.UntilAsync(() => TimersCreated >= count, timeout, $"{count} timers created", TimeSpan.FromMilliseconds(5));
}
