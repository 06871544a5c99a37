namespace PicADaily.LocalCloud.Tests.Support;

/// <summary>
/// A clock whose time stands still until the test moves it, while its timers and delays run in real
/// time. For code that polls on real delays but judges elapsed time by the clock (the bucket folder
/// scanner's settle interval): however slowly a loaded machine runs the test, no time has passed for
/// that judgement until <see cref="Advance"/> says so.
/// </summary>
public sealed class HeldClock(DateTimeOffset start) : TimeProvider
{
    private long utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref utcTicks, by.Ticks);
}
