using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using PicADaily.Testing;

namespace PicADaily.Imaging.Tests;

/// <summary>
/// The decode limit judges the picture, not the machine: CPU time over budget is a permanent timeout, a
/// wall-clock ceiling reached with CPU to spare is a transient "busy". Played with a fake clock.
/// </summary>
public sealed class DecodeTimeLimitTests : IDisposable
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(30);
    private static readonly ImageLimits Limits = ImageLimits.Default;

    private readonly FakeTimeProvider time = new();
    private readonly FakeThreadCpuClock cpu;
    private readonly AbandonedDecodes abandoned;
    private readonly DecodeSlots slots = new(1);
    private readonly DecodeRunner runner;
    private readonly ManualResetEventSlim neverReturns = new();

    public DecodeTimeLimitTests()
    {
        cpu = new FakeThreadCpuClock(time);
        abandoned = new AbandonedDecodes(time);
        runner = new DecodeRunner(Limits, slots, abandoned, cpu, time);
    }

    [Fact]
    public async Task A_decode_that_uses_its_whole_cpu_budget_fails_permanently_as_a_timeout_with_the_reason()
    {
        cpu.CpuShare = 1;
        var (decode, running) = StartDecodeThatWaitsForCancellation();
        await running.WaitAsync(Bounded);

        time.Advance(Limits.DecodeTimeout + TimeSpan.FromSeconds(1));

        var rejection = await Assert.ThrowsAsync<ImageRejectedException>(() => decode.WaitAsync(Bounded));
        Assert.Equal(ImageRejectionReason.Timeout, rejection.Reason);
        Assert.Equal("timeout: decoding used more than 10 s of CPU", rejection.Message);
    }

    [Fact]
    public async Task A_decode_finishing_a_millisecond_inside_its_cpu_budget_is_accepted()
    {
        cpu.CpuShare = 1;
        using var finish = new ManualResetEventSlim();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var decode = runner.RunAsync(
            _ =>
            {
                running.SetResult();
                finish.Wait();
                return 7;
            },
            CancellationToken.None);
        await running.Task.WaitAsync(Bounded);

        time.Advance(Limits.DecodeTimeout - TimeSpan.FromMilliseconds(1));
        finish.Set();

        Assert.Equal(7, await decode.WaitAsync(Bounded));
    }

    [Fact]
    public async Task The_watchdog_stops_a_decoder_deaf_to_cancellation_the_moment_its_cpu_budget_is_spent()
    {
        cpu.CpuShare = 1;
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var decode = runner.RunAsync(
            _ =>
            {
                running.SetResult();
                neverReturns.Wait();
                return 0;
            },
            CancellationToken.None);
        await running.Task.WaitAsync(Bounded);

        // The budget is a whole number of check intervals, so the check at the budget itself must fire.
        time.Advance(Limits.DecodeTimeout);

        var rejection = await Assert.ThrowsAsync<ImageRejectedException>(() => decode.WaitAsync(Bounded));
        Assert.Equal(ImageRejectionReason.Timeout, rejection.Reason);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    public async Task A_decode_starved_of_cpu_past_the_wall_ceiling_is_deferred_never_rejected(double cpuShare)
    {
        cpu.CpuShare = cpuShare;
        var (decode, running) = StartDecodeThatWaitsForCancellation();
        await running.WaitAsync(Bounded);

        time.Advance(Limits.DecodeWallTimeout + TimeSpan.FromSeconds(1));

        var deferred = await Assert.ThrowsAsync<DecodeDeferredException>(() => decode.WaitAsync(Bounded));
        Assert.StartsWith("busy: ", deferred.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decode_still_waiting_for_a_core_at_the_wall_ceiling_is_deferred()
    {
        cpu.Hold.Reset();
        var decode = runner.RunAsync(_ => 1, CancellationToken.None);
        await cpu.Started.WaitAsync(Bounded);

        time.Advance(Limits.DecodeWallTimeout + TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<DecodeDeferredException>(() => decode.WaitAsync(Bounded));
        cpu.Hold.Set();
    }

    [Fact]
    public async Task The_limits_count_from_when_the_decode_gets_a_slot_not_while_it_queues()
    {
        var (first, firstRunning) = StartDecodeThatWaitsForCancellation();
        await firstRunning.WaitAsync(Bounded);
        var second = runner.RunAsync(_ => 2, CancellationToken.None);

        // The first decode spends the budget (and the second's whole wall ceiling) while the second queues.
        time.Advance(Limits.DecodeWallTimeout + TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<ImageRejectedException>(() => first.WaitAsync(Bounded));

        Assert.Equal(2, await second.WaitAsync(Bounded));
    }

    [Fact]
    public async Task A_decoder_that_never_returns_fails_permanently_and_makes_the_process_unhealthy_until_it_returns()
    {
        var liveness = new AbandonedDecodesHealthCheck(abandoned, Limits);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var decode = runner.RunAsync(
            _ =>
            {
                running.SetResult();
                neverReturns.Wait(); // deaf to cancellation, like a decoder stuck in a loop
                return 0;
            },
            CancellationToken.None);
        await running.Task.WaitAsync(Bounded);

        time.Advance(Limits.DecodeTimeout + TimeSpan.FromSeconds(1));

        var rejection = await Assert.ThrowsAsync<ImageRejectedException>(() => decode.WaitAsync(Bounded));
        Assert.Equal(ImageRejectionReason.Timeout, rejection.Reason);
        Assert.Equal(1, abandoned.Count);
        Assert.Equal(HealthStatus.Healthy, (await liveness.CheckHealthAsync(new HealthCheckContext())).Status);

        time.Advance(Limits.DecodeWallTimeout + TimeSpan.FromSeconds(1));
        Assert.Equal(HealthStatus.Unhealthy, (await liveness.CheckHealthAsync(new HealthCheckContext())).Status);

        neverReturns.Set();
        await WaitUntilAsync(() => abandoned.Count == 0);
        Assert.Equal(HealthStatus.Healthy, (await liveness.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task An_abandoned_decode_frees_its_slot_for_the_next_picture()
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stuck = runner.RunAsync(
            _ =>
            {
                running.SetResult();
                neverReturns.Wait();
                return 0;
            },
            CancellationToken.None);
        await running.Task.WaitAsync(Bounded);
        time.Advance(Limits.DecodeTimeout + TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<ImageRejectedException>(() => stuck.WaitAsync(Bounded));

        Assert.Equal(3, await runner.RunAsync(_ => 3, CancellationToken.None).WaitAsync(Bounded));
    }

    public void Dispose()
    {
        neverReturns.Set();
        cpu.Hold.Set();
        slots.Dispose();
    }

    private static Task WaitUntilAsync(Func<bool> condition) =>
        Eventually.UntilAsync(condition, Bounded, "the condition came true");

    /// <summary>A decode that runs until it is cancelled, as ImageSharp's decoders do between rows.</summary>
    private (Task<int> Decode, Task Running) StartDecodeThatWaitsForCancellation()
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var decode = runner.RunAsync(
            token =>
            {
                running.SetResult();
                token.WaitHandle.WaitOne();
                token.ThrowIfCancellationRequested();
                return 0;
            },
            CancellationToken.None);
        return (decode, running.Task);
    }
}
