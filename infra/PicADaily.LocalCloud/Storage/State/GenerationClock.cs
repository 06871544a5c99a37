namespace PicADaily.LocalCloud.Storage.State;

/// <summary>
/// Object generations like Cloud Storage's: microseconds since the Unix epoch, and strictly
/// increasing across the whole store even when the wall clock stalls or steps back, because the
/// last one handed out is kept in the index (in the caller's transaction).
/// </summary>
public static class GenerationClock
{
    private const string CounterName = "generation";

    public static long Next(IndexSession session, TimeProvider time)
    {
        var last = session.GetCounter(CounterName);
        var now = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
        var next = Math.Max(now, last + 1);
        session.SetCounter(CounterName, next);
        return next;
    }
}
