using Microsoft.Extensions.Logging.Abstractions;
using PicADaily.LocalCloud.PubSub;
using PicADaily.LocalCloud.Scheduler;
using PicADaily.LocalCloud.Tests.Support;
using PicADaily.Testing;

namespace PicADaily.LocalCloud.Tests.Scheduler;

/// <summary>The scheduler's timing, played on a fake clock: exactly one publish per cron tick, at the tick.</summary>
public sealed class JobSchedulerClockTests : IAsyncDisposable
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, 500, TimeSpan.Zero);
    private readonly TimerCountingTimeProvider time = new(Start);
    private readonly CountingPublisher publisher = new();
    private readonly JobScheduler scheduler;

    public JobSchedulerClockTests()
    {
        scheduler = new JobScheduler(publisher, time, NullLogger<JobScheduler>.Instance);
    }

    [Fact]
    public async Task Each_cron_second_publishes_exactly_once_and_not_before_its_tick()
    {
        scheduler.Register(EverySecond());
        await time.UntilTimersCreatedAsync(1, Bounded);

        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(0, publisher.Count);

        for (var tick = 1; tick <= 5; tick++)
        {
            time.Advance(TimeSpan.FromMilliseconds(tick == 1 ? 1 : 1000));
            await publisher.UntilCountAsync(tick, Bounded);
            await time.UntilTimersCreatedAsync(tick + 1, Bounded);
            Assert.Equal(tick, publisher.Count);
            Assert.Equal(Start.AddMilliseconds(500).AddSeconds(tick - 1), Job().LastRun);
        }
    }

    [Fact]
    public async Task Ticks_overrun_while_nothing_ran_are_skipped_not_piled_up()
    {
        scheduler.Register(EverySecond());
        await time.UntilTimersCreatedAsync(1, Bounded);

        time.Advance(TimeSpan.FromSeconds(3.75));
        await publisher.UntilCountAsync(1, Bounded);
        await time.UntilTimersCreatedAsync(2, Bounded);

        Assert.Equal(1, publisher.Count);
        Assert.Equal(Start.AddSeconds(4.5), Job().NextRun);
    }

    public async ValueTask DisposeAsync() => await scheduler.StopAsync(CancellationToken.None);

    private JobState Job() => Assert.Single(scheduler.Jobs);

    private static ScheduledPublish EverySecond() => new(
        "every-second", ScheduledPublish.ParseCron("* * * * * *"), TimeZoneInfo.Utc, "projects/p/topics/ticks", "tick"u8.ToArray(),
        new Dictionary<string, string> { ["job"] = "every-second" });

    private sealed class CountingPublisher : IMessagePublisher
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public Task<string> PublishAsync(string topic, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken) =>
            Task.FromResult(Interlocked.Increment(ref count).ToString(System.Globalization.CultureInfo.InvariantCulture));

        public Task UntilCountAsync(int expected, TimeSpan timeout) =>
            Eventually.UntilAsync(() => Count >= expected, timeout, $"{expected} publishes", TimeSpan.FromMilliseconds(5));
    }
}
