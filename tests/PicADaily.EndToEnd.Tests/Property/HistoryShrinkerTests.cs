using Microsoft.Extensions.Time.Testing;
using PicADaily.Testing.Property;

namespace PicADaily.EndToEnd.Tests.Property;

/// <summary>The shrinker on synthetic failures, where the shortest failing history is known: fast, no system.</summary>
public sealed class HistoryShrinkerTests
{
    private static readonly TimeSpan Unlimited = TimeSpan.FromDays(1);

    [Fact]
    public async Task Finds_the_two_steps_that_fail_only_together_in_their_order()
    {
        var history = Enumerable.Range(0, 40).ToList();

        var shrunk = await new HistoryShrinker<int>(h => Task.FromResult(h.Contains(29) && h.Contains(7)), Unlimited).ShrinkAsync(history);

        Assert.Equal([7, 29], shrunk.History);
        Assert.True(shrunk.Minimal);
    }

    [Fact]
    public async Task Finds_a_single_culprit()
    {
        var shrunk = await new HistoryShrinker<string>(h => Task.FromResult(h.Contains("kill")), Unlimited)
            .ShrinkAsync(["write a", "write b", "kill", "delete a", "write c"]);

        Assert.Equal(["kill"], shrunk.History);
        Assert.True(shrunk.Minimal);
    }

    [Theory]
    [InlineData(30, 5)]
    [InlineData(64, 9)]
    [InlineData(17, 3)]
    public async Task The_result_fails_and_fails_no_more_without_any_one_of_its_steps(int length, int threshold)
    {
        // Many different minimal answers: any `threshold` odd steps. 1-minimality is the promise, not a particular one.
        Func<IReadOnlyList<int>, Task<bool>> fails = h => Task.FromResult(h.Count(s => s % 2 == 1) >= threshold);
        var history = Enumerable.Range(0, length).ToList();

        var shrunk = await new HistoryShrinker<int>(fails, Unlimited).ShrinkAsync(history);

        Assert.True(shrunk.Minimal);
        Assert.True(await fails(shrunk.History));
        Assert.Equal(threshold, shrunk.History.Count);
        for (var i = 0; i < shrunk.History.Count; i++)
        {
            var without = shrunk.History.Where((_, j) => j != i).ToList();
            Assert.False(await fails(without), $"still fails without step {shrunk.History[i]}");
        }

        Assert.Equal(shrunk.History.Order(), shrunk.History);
    }

    [Fact]
    public async Task Never_replays_the_same_sub_history_twice()
    {
        var replayed = new List<string>();
        Task<bool> Fails(IReadOnlyList<int> h)
        {
            replayed.Add(string.Join(',', h));
            return Task.FromResult(h.Contains(3) && h.Contains(11) && h.Contains(12));
        }

        var shrunk = await new HistoryShrinker<int>(Fails, Unlimited).ShrinkAsync(Enumerable.Range(0, 16).ToList());

        Assert.Equal([3, 11, 12], shrunk.History);
        Assert.Equal(replayed.Count, replayed.Distinct().Count());
        Assert.Equal(replayed.Count, shrunk.Replays);
    }

    [Fact]
    public async Task Starts_no_replay_once_the_budget_is_spent_and_returns_the_shortest_failing_history_so_far()
    {
        var clock = new FakeTimeProvider();
        var replays = 0;
        Task<bool> Fails(IReadOnlyList<int> h)
        {
            replays++;
            clock.Advance(TimeSpan.FromMinutes(1)); // each replay of a whole system takes its time
            return Task.FromResult(new[] { 2, 9, 17, 20 }.All(h.Contains));
        }

        var history = Enumerable.Range(0, 64).ToList();

        var shrunk = await new HistoryShrinker<int>(Fails, TimeSpan.FromMinutes(5), clock).ShrinkAsync(history);

        Assert.Equal(5, replays);
        Assert.Equal(5, shrunk.Replays);
        Assert.False(shrunk.Minimal);
        Assert.True(await Fails(shrunk.History));
        Assert.True(shrunk.History.Count < history.Count, "five replays found nothing shorter");
        Assert.Equal(shrunk.History.Order(), shrunk.History);
    }

    [Fact]
    public async Task A_spent_budget_returns_the_history_as_given_without_replaying()
    {
        var replays = 0;

        var shrunk = await new HistoryShrinker<int>(_ => Task.FromResult(++replays > 0), TimeSpan.Zero).ShrinkAsync([1, 2, 3]);

        Assert.Equal(0, replays);
        Assert.Equal([1, 2, 3], shrunk.History);
        Assert.False(shrunk.Minimal);
    }
}
