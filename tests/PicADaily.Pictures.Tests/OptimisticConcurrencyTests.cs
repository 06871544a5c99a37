using PicADaily.ServiceDefaults.Events;

namespace PicADaily.Pictures.Tests;

public sealed class OptimisticConcurrencyTests
{
    [Fact]
    public async Task A_loop_that_always_loses_its_race_ends_in_retry_after_the_bound()
    {
        var passes = 0;

        var step = await OptimisticConcurrency.RunAsync<int>("the thing", _ =>
        {
            passes++;
            return Task.FromResult<Step<int>?>(null);
        }, CancellationToken.None);

        Assert.Equal(OptimisticConcurrency.MaxAttempts, passes);
        Assert.Equal(OutcomeKind.Retry, step.Outcome?.Kind);
        Assert.Contains("the thing kept changing", step.Outcome!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pass_that_settles_ends_the_loop_with_its_value()
    {
        var passes = 0;

        var step = await OptimisticConcurrency.RunAsync<int>("the thing", _ =>
        {
            passes++;
            return Task.FromResult<Step<int>?>(passes == 3 ? Step<int>.Continue(42) : null);
        }, CancellationToken.None);

        Assert.Equal((3, 42, null), (passes, step.Value, step.Outcome));
    }

    [Fact]
    public async Task A_pass_that_stops_hands_its_outcome_back_unchanged()
    {
        var ignored = HandlerOutcome.Ignored("newer one there");

        var step = await OptimisticConcurrency.RunAsync<int>("the thing", _ => Task.FromResult<Step<int>?>(Step<int>.Stop(ignored)), CancellationToken.None);

        Assert.Same(ignored, step.Outcome);
    }
}
