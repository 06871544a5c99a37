namespace PicADaily.LocalCloud.Firestore.State;

/// <summary>Microsecond commit times that strictly increase, even across restarts and a clock that steps back.</summary>
public sealed class MonotonicClock(TimeProvider time, long lastIssued)
{
    private readonly Lock gate = new();
    private long last = lastIssued;

    public long Next()
    {
        lock (gate)
        {
            var now = (time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
            last = Math.Max(now, last + 1);
            return last;
        }
    }
}
