using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using PicADaily.Testing;

namespace PicADaily.Imaging.Tests;

/// <summary>Decodes run at most as many at once as there are slots, first come first served.</summary>
public sealed class DecodeSlotsTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(30);

    // The fake clock never moves, so no time limit interferes with the decodes held here.
    private readonly FakeTimeProvider time = new();

    [Fact]
    public async Task No_more_decodes_run_at_once_than_there_are_slots()
    {
        using var slots = new DecodeSlots(2);
        var runner = Runner(slots);
        var running = 0;
        var mostAtOnce = 0;
        var entered = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var decodes = Enumerable.Range(0, 6).Select(_ => runner.RunAsync(
            _ =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref mostAtOnce, now);
                entered.Release();
                release.Wait();
                Interlocked.Decrement(ref running);
                return 0;
            },
            CancellationToken.None)).ToList();

        await entered.WaitAsync(Bounded);
        await entered.WaitAsync(Bounded);
        Assert.Equal(4, slots.Waiting);

        for (var i = 2; i < 6; i++)
        {
            release.Release();
            Assert.True(await entered.WaitAsync(Bounded), "a queued decode did not start when a slot came free");
        }

        release.Release(2);
        await Task.WhenAll(decodes).WaitAsync(Bounded);
        Assert.Equal(2, mostAtOnce);
    }

    [Fact]
    public async Task Queued_decodes_start_in_the_order_they_arrived()
    {
        using var slots = new DecodeSlots(1);
        var runner = Runner(slots);
        var order = new ConcurrentQueue<int>();
        using var first = new ManualResetEventSlim();
        var decodes = new List<Task<int>>
        {
            runner.RunAsync(_ => { first.Wait(); order.Enqueue(0); return 0; }, CancellationToken.None),
        };
        for (var i = 1; i < 5; i++)
        {
            var index = i;
            decodes.Add(runner.RunAsync(_ => { order.Enqueue(index); return index; }, CancellationToken.None));
        }

        first.Set();
        await Task.WhenAll(decodes).WaitAsync(Bounded);

        Assert.Equal([0, 1, 2, 3, 4], order);
    }

    [Fact]
    public async Task The_loader_decodes_only_in_a_slot()
    {
        using var slots = new DecodeSlots(1);
        var loader = new SafeImageLoader(ImageLimits.Default, slots, new AbandonedDecodes(time), time);
        var taken = await slots.AcquireAsync(CancellationToken.None);

        var load = loader.LoadAsync(CraftedPictures.SolidJpeg(64, 64, CraftedPictures.Marker), CancellationToken.None);
        Assert.Equal(1, slots.Waiting);

        taken.Dispose();
        using var image = await load.WaitAsync(Bounded);
        Assert.Equal(64, image.Width);
    }

    [Fact]
    public async Task A_load_cancelled_while_it_queues_never_decodes()
    {
        using var slots = new DecodeSlots(1);
        var loader = new SafeImageLoader(ImageLimits.Default, slots, new AbandonedDecodes(time), time);
        using var taken = await slots.AcquireAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var load = loader.LoadAsync(CraftedPictures.SolidJpeg(64, 64, CraftedPictures.Marker), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => load.WaitAsync(Bounded));
        Assert.Equal(0, slots.Waiting);
    }

    [Fact]
    public async Task A_large_picture_waits_for_the_pixels_it_needs_even_with_a_slot_free()
    {
        using var slots = new DecodeSlots(capacity: 2, pixelBudget: 100);
        var runner = Runner(slots);
        using var firstRunning = new SemaphoreSlim(0);
        using var releaseFirst = new ManualResetEventSlim();
        var first = runner.RunAsync(80, _ => { firstRunning.Release(); releaseFirst.Wait(); return 1; }, CancellationToken.None);
        Assert.True(await firstRunning.WaitAsync(Bounded));

        var secondStarted = 0;
        var second = runner.RunAsync(40, _ => Interlocked.Exchange(ref secondStarted, 1), CancellationToken.None);

        // 80 + 40 pixels exceed the budget: the second waits although one slot is free.
        Assert.Equal(1, slots.Waiting);
        Assert.Equal(0, Volatile.Read(ref secondStarted));

        releaseFirst.Set();
        Assert.Equal(1, await first.WaitAsync(Bounded));
        Assert.Equal(0, await second.WaitAsync(Bounded));
        Assert.Equal(0, slots.Waiting);
    }

    [Fact]
    public async Task Small_pictures_share_the_budget()
    {
        using var slots = new DecodeSlots(capacity: 2, pixelBudget: 100);
        var runner = Runner(slots);
        using var bothRunning = new CountdownEvent(2);
        var decodes = Enumerable.Range(0, 2).Select(i => runner.RunAsync(
            40,
            _ =>
            {
                bothRunning.Signal();

                // Returns only once the other decode runs at the same time (bounded: fails rather than hangs).
                return bothRunning.Wait(Bounded) ? i : -1;
            },
            CancellationToken.None)).ToList();

        var finished = await Task.WhenAll(decodes).WaitAsync(Bounded);
        Assert.Equal([0, 1], finished);
    }

    [Fact]
    public async Task A_picture_larger_than_the_budget_decodes_alone_instead_of_waiting_for_ever()
    {
        using var slots = new DecodeSlots(capacity: 2, pixelBudget: 100);
        var runner = Runner(slots);

        Assert.Equal(7, await runner.RunAsync(1_000, _ => 7, CancellationToken.None).WaitAsync(Bounded));
    }

    [Fact]
    public async Task The_loader_asks_the_budget_for_the_picture_s_pixels()
    {
        using var slots = new DecodeSlots(capacity: 2, pixelBudget: 64 * 64);
        var loader = new SafeImageLoader(ImageLimits.Default, slots, new AbandonedDecodes(time), time);
        var held = await slots.AcquireAsync(1, CancellationToken.None);

        // Identifying needs no pixels and a slot is free, so only the decode itself can be what waits.
        var load = loader.LoadAsync(CraftedPictures.SolidJpeg(64, 64, CraftedPictures.Marker), CancellationToken.None);
        await Eventually.UntilAsync(() => slots.PixelsWaiting == 64 * 64, Bounded, "the decode waiting for its 64×64 pixels");
        Assert.False(load.IsCompleted);

        held.Dispose();
        using var image = await load.WaitAsync(Bounded);
        Assert.Equal(64, image.Width);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private DecodeRunner Runner(DecodeSlots slots) =>
        new(ImageLimits.Default, slots, new AbandonedDecodes(time), new FakeThreadCpuClock(time), time);
}
