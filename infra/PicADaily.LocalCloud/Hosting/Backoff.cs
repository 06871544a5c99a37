namespace PicADaily.LocalCloud.Hosting;

/// <summary>LocalCloud's one retry delay (Pub/Sub redelivery, the storage outbox): minimum × 2^(failures − 1), capped at maximum.</summary>
public static class Backoff
{
    /// <param name="failures">Failed deliveries so far (1 after the first nack).</param>
    public static TimeSpan Delay(TimeSpan minimum, TimeSpan maximum, int failures)
    {
        if (failures < 1)
        {
            return TimeSpan.Zero;
        }

        var cap = Math.Max(minimum.Ticks, maximum.Ticks);
        var ticks = minimum.Ticks * Math.Pow(2, Math.Min(failures - 1, 40));
        return TimeSpan.FromTicks((long)Math.Min(ticks, cap));
    }
}
