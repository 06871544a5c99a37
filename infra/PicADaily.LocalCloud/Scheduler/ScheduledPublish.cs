using Cronos;

namespace PicADaily.LocalCloud.Scheduler;

/// <summary>A Cloud Scheduler job with a Pub/Sub target: on each cron tick, publish data + attributes to a topic.</summary>
public sealed record ScheduledPublish(
    string Name,
    CronExpression Cron,
    TimeZoneInfo TimeZone,
    string Topic,
    byte[] Data,
    IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>Unix-cron with 5 fields, or 6 with seconds first (finer than Cloud Scheduler, for tests and demos).</summary>
    /// <exception cref="CronFormatException">The schedule is not valid cron.</exception>
    public static CronExpression ParseCron(string schedule)
    {
        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CronExpression.Parse(schedule, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
    }
}
