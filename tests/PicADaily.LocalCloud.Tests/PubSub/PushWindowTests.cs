using PicADaily.LocalCloud.PubSub.Delivery;

namespace PicADaily.LocalCloud.Tests.PubSub;

public sealed class PushWindowTests
{
    [Fact]
    public void It_starts_with_one_outstanding_push()
    {
        var window = new PushWindow(32);

        Assert.Equal(1, window.Size);
        Assert.True(window.TryAcquire());
        Assert.False(window.TryAcquire());
    }

    [Fact]
    public void Slow_start_doubles_the_window_with_every_round_of_acks_up_to_the_ceiling()
    {
        var window = new PushWindow(32);

        var sizes = Enumerable.Range(0, 7).Select(_ => AckRound(window)).ToList();

        Assert.Equal([2, 4, 8, 16, 32, 32, 32], sizes);
    }

    [Fact]
    public void After_the_first_overload_it_grows_by_one_per_full_window_of_acks()
    {
        var window = new PushWindow(32);
        Saturate(window, rounds: 4);
        Assert.Equal(16, window.Size);
        Assert.True(window.TryAcquire());
        Assert.Equal(8, window.ReleaseOverloaded());

        var sizes = Enumerable.Range(0, 4).Select(_ => AckRound(window)).ToList();

        Assert.Equal([9, 10, 11, 12], sizes);
    }

    [Fact]
    public void A_small_window_waits_for_a_few_acks_before_probing_one_more_push()
    {
        var window = new PushWindow(32);
        Saturate(window, rounds: 1);
        Assert.True(window.TryAcquire());
        Assert.Equal(1, window.ReleaseOverloaded());

        var sizes = new List<int>();
        for (var i = 0; i < PushWindow.MinimumAcksPerProbe; i++)
        {
            Assert.True(window.TryAcquire());
            window.ReleaseAcked();
            sizes.Add(window.Size);
        }

        Assert.Equal([1, 1, 1, 2], sizes);
    }

    [Fact]
    public void Every_overload_halves_the_window_down_to_one()
    {
        var window = new PushWindow(32);
        Saturate(window, rounds: 5);
        Assert.Equal(32, window.Size);
        Fill(window);

        var shrinks = Enumerable.Range(0, 8).Select(_ => window.ReleaseOverloaded()).ToList();

        Assert.Equal([16, 8, 4, 2, 1, null, null, null], shrinks);
        Assert.Equal(1, window.Size);
    }

    [Fact]
    public void Halving_rounds_up_so_an_odd_window_keeps_more_than_half()
    {
        var window = new PushWindow(3);
        Saturate(window, rounds: 3);
        Assert.Equal(3, window.Size);
        Assert.True(window.TryAcquire());

        Assert.Equal(2, window.ReleaseOverloaded());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(5, 5)]
    public void It_never_grows_past_the_ceiling(int ceiling, int expected)
    {
        var window = new PushWindow(ceiling);

        Saturate(window, rounds: 10);

        Assert.Equal(expected, window.Size);
        Assert.Equal(expected, Fill(window));
    }

    [Fact]
    public void One_push_at_a_time_does_not_open_the_window_for_a_later_burst()
    {
        var window = new PushWindow(32);

        for (var i = 0; i < 100; i++)
        {
            Assert.True(window.TryAcquire());
            window.ReleaseAcked();
        }

        Assert.Equal(2, window.Size);
    }

    [Fact]
    public void A_nack_that_says_nothing_about_load_neither_grows_nor_shrinks_it()
    {
        var window = new PushWindow(32);
        Saturate(window, rounds: 3);
        Fill(window);

        window.Release();

        Assert.Equal(8, window.Size);
        Assert.Equal(7, window.InFlight);
    }

    // A saturated endpoint as the dispatcher sees it: as many acks as the window held at the start
    // of the round, each slot refilled at once from an endless backlog.
    private static int AckRound(PushWindow window)
    {
        Fill(window);
        var round = window.Size;
        for (var i = 0; i < round; i++)
        {
            window.ReleaseAcked();
            Fill(window);
        }

        DrainNeutral(window);
        return window.Size;
    }

    private static void Saturate(PushWindow window, int rounds)
    {
        for (var i = 0; i < rounds; i++)
        {
            AckRound(window);
        }
    }

    private static int Fill(PushWindow window)
    {
        var taken = 0;
        while (window.TryAcquire())
        {
            taken++;
        }

        return taken;
    }

    private static void DrainNeutral(PushWindow window)
    {
        while (window.InFlight > 0)
        {
            window.Release();
        }
    }
}
