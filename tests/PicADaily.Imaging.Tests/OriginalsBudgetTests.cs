namespace PicADaily.Imaging.Tests;

public sealed class OriginalsBudgetTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_picture_that_does_not_fit_waits_until_enough_bytes_are_given_back_and_the_first_in_line_goes_first()
    {
        using var budget = new OriginalsBudget(10_000_000);
        var first = await budget.ReserveAsync(6_000_000, default);
        var second = budget.ReserveAsync(6_000_000, default).AsTask();
        var third = budget.ReserveAsync(1_000_000, default).AsTask();

        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted); // first come, first served: a small picture does not overtake a waiting large one
        Assert.Equal(4_000_000, budget.Available);

        first.Dispose();
        using var secondLease = await second.WaitAsync(Bounded);
        using var thirdLease = await third.WaitAsync(Bounded);
        Assert.Equal(3_000_000, budget.Available);
    }

    [Fact]
    public async Task A_picture_larger_than_the_whole_budget_waits_for_all_of_it_and_then_goes_alone()
    {
        using var budget = new OriginalsBudget(10_000_000);
        var small = await budget.ReserveAsync(1_000_000, default);
        var huge = budget.ReserveAsync(40_000_000, default).AsTask();
        Assert.False(huge.IsCompleted);

        small.Dispose();
        using var hugeLease = await huge.WaitAsync(Bounded);
        Assert.Equal(0, budget.Available);
        var next = budget.ReserveAsync(1, default).AsTask();
        Assert.False(next.IsCompleted);
        hugeLease.Dispose();
        using var nextLease = await next.WaitAsync(Bounded);
    }

    [Fact]
    public async Task Giving_a_reservation_back_twice_gives_its_bytes_back_once()
    {
        using var budget = new OriginalsBudget(10_000_000);
        var held = await budget.ReserveAsync(3_000_000, default);
        using var other = await budget.ReserveAsync(3_000_000, default);

        held.Dispose();
        held.Dispose();

        Assert.Equal(7_000_000, budget.Available);
    }

    [Fact]
    public async Task A_wait_ends_when_its_event_is_cancelled_and_takes_nothing()
    {
        using var budget = new OriginalsBudget(10_000_000);
        using var full = await budget.ReserveAsync(10_000_000, default);
        using var cancel = new CancellationTokenSource();
        var waiting = budget.ReserveAsync(1_000_000, cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Bounded));
        Assert.Equal(0, budget.Available);
    }
}
