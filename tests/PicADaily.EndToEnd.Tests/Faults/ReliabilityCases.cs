using PicADaily.Contracts.Payloads;
using PicADaily.EndToEnd.Tests.Batch;
using PicADaily.EndToEnd.Tests.Invariant;
using PicADaily.Pictures;
using PicADaily.Testing;
using PicADaily.Testing.Faults;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace PicADaily.EndToEnd.Tests.Faults;

/// <summary>
/// The fault cases of the reliability table, each through the real services with the fault injected by
/// the push proxy or on the process, each proving its fault happened (counted) and ending with the
/// invariant. Every test works on its own picture names, so they share one running system.
/// </summary>
[Collection(OnFaultedSystem.Name)]
public sealed class ReliabilityCases(FaultedSystem system, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = SystemChecks.Patience;
    private SystemChecks checks = null!;

    /// <summary>Dead letters are counted from here: each case answers only for its own messages.</summary>
    public async Task InitializeAsync() => checks = await SystemChecks.BeginAsync(system, output);

    public Task DisposeAsync() => Task.CompletedTask;

    private PushFaultProxy Analysis => system.Proxies["image-analysis"];

    private PushFaultProxy Thumbnail => system.Proxies["thumbnail"];

    private PushFaultProxy Cleanup => system.Proxies["garbage-collection"];

    private PushFaultProxy Collage => system.Proxies["collage"];

    [Fact]
    public async Task Case01_the_same_push_delivered_twice_concurrently_makes_one_document_and_one_thumbnail_both_acked()
    {
        const string name = "case01.jpg";
        Analysis.Plan.Once(d => d.Finalizes(name), PushFault.Duplicate);
        Thumbnail.Plan.Once(d => d.Finalizes(name), PushFault.Duplicate);

        await system.DropAsync(name, Photo(1));
        var generation = await VisibleAsync(name);

        Assert.Equal(1, Analysis.Counts[PushFault.Duplicate]);
        Assert.Equal(1, Thumbnail.Counts[PushFault.Duplicate]);
        Assert.All(AnswersFor(name), a => Assert.InRange(a.Status, 200, 299));
        Assert.Equal(2, Thumbnail.Answers.Count(a => a.Delivery.Finalizes(name)));
        await AssertThumbnailOfAsync(name, generation);
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task Case02_a_service_killed_after_writing_its_thumbnail_and_before_acking_completes_from_redelivery_alone()
    {
        const string name = "case02.jpg";
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Thumbnail.KillService = async () =>
        {
            await system.Processes.KillAsync("thumbnail");
            killed.TrySetResult();
        };
        Thumbnail.Plan.Once(d => d.Finalizes(name), PushFault.KillAfterWrite);

        var redelivered = Thumbnail.ReceivedAsync(d => d.Finalizes(name)).ContinueWith(_ => Thumbnail.ReceivedAsync(d => d.Finalizes(name)), TaskScheduler.Default).Unwrap();
        await system.DropAsync(name, Photo(2));
        await killed.Task.WaitAsync(Patience);
        try
        {
            // While it is down, Pub/Sub pushes again and gets no ack: nothing is lost.
            await redelivered.WaitAsync(Patience);
        }
        finally
        {
            await system.Processes.StartAsync("thumbnail");
        }

        // The work done before the kill is acked only now, by the restarted service answering a redelivery.
        await Quiet.UntilAsync(() => Task.FromResult(Thumbnail.Answers.Count(a => a.Delivery.Finalizes(name) && a.Status is >= 200 and < 300) >= 2), Patience, "a redelivery acked by the restarted service");
        var generation = await VisibleAsync(name);
        Assert.Equal(1, Thumbnail.Counts[PushFault.KillAfterWrite]);
        Assert.Equal(1, system.Processes.Counts["SIGKILL thumbnail"]);
        await AssertThumbnailOfAsync(name, generation);
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task Case03_a_handler_outliving_its_ack_deadline_is_redelivered_while_running_and_gives_one_result()
    {
        const string name = "case03.jpg";
        Analysis.Plan.Once(d => d.Finalizes(name), PushFault.AckDeadlineExceeded);
        Thumbnail.Plan.Once(d => d.Finalizes(name), PushFault.AckDeadlineExceeded);

        await system.DropAsync(name, Photo(3));
        var generation = await VisibleAsync(name);

        Assert.Equal(1, Analysis.Counts[PushFault.AckDeadlineExceeded]);
        Assert.Equal(1, Thumbnail.Counts[PushFault.AckDeadlineExceeded]);
        await AssertThumbnailOfAsync(name, generation);
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task Case04_a_delete_delivered_before_the_finalize_of_the_same_generation_creates_nothing()
    {
        const string name = "case04.jpg";
        var deleteHandled = Cleanup.AnsweredAsync(d => d.Removes(name));
        Analysis.HoldUntil(d => d.Finalizes(name), deleteHandled);
        Thumbnail.HoldUntil(d => d.Finalizes(name), deleteHandled);
        var finalizeHeld = Task.WhenAll(Analysis.ReceivedAsync(d => d.Finalizes(name)), Thumbnail.ReceivedAsync(d => d.Finalizes(name)));

        await system.DropAsync(name, Photo(4));
        await finalizeHeld.WaitAsync(Patience);
        File.Delete(Path.Combine(system.PicturesFolder, name));
        await deleteHandled.WaitAsync(Patience);
        await Task.WhenAll(Analysis.AnsweredAsync(d => d.Finalizes(name)), Thumbnail.AnsweredAsync(d => d.Finalizes(name))).WaitAsync(Patience);

        await system.UntilDeliveredAsync(Patience);
        Assert.True(Analysis.Counts[PushFault.Delay] >= 1 && Thumbnail.Counts[PushFault.Delay] >= 1);
        Assert.Null(await system.Storage.GetAsync("thumbnails", name, null, default));
        Assert.Null(await system.Catalog.GetAsync(name, default));
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task Case05_an_overwrite_whose_old_generation_arrives_last_leaves_only_the_new_generations_outputs()
    {
        const string name = "case05.jpg";
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Acked at once and delivered late: a held push would keep the generation it waits for from
        // being pushed whenever earlier faults have shrunk the subscription's push window to one.
        Analysis.DeliverLate(d => d.Finalizes(name), release.Task);
        Thumbnail.DeliverLate(d => d.Finalizes(name), release.Task);
        var firstHeld = Thumbnail.ReceivedAsync(d => d.Finalizes(name));

        await system.DropAsync(name, Photo(5));
        var first = (await firstHeld.WaitAsync(Patience)).Storage!.Generation;
        var secondDone = Task.WhenAll(
            Analysis.AnsweredAsync(d => d.Finalizes(name) && d.Storage!.Generation > first),
            Thumbnail.AnsweredAsync(d => d.Finalizes(name) && d.Storage!.Generation > first));
        await system.DropAsync(name, Photo(55));
        var second = (await secondDone.WaitAsync(Patience))[1].Storage!.Generation;
        release.SetResult();

        await Task.WhenAll(Analysis.AnsweredAsync(d => d.Finalizes(name) && d.Storage!.Generation == first), Thumbnail.AnsweredAsync(d => d.Finalizes(name) && d.Storage!.Generation == first)).WaitAsync(Patience);
        Assert.Equal(second, await VisibleAsync(name));
        Assert.True(Thumbnail.Counts[PushFault.Delay] >= 1);
        await AssertThumbnailOfAsync(name, second);
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task Case06_a_delete_while_the_thumbnail_is_being_made_leaves_no_thumbnail_and_no_document()
    {
        const string name = "case06.jpg";
        var arrived = Thumbnail.ReceivedAsync(d => d.Finalizes(name));
        var deleted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The finalize goes on to the thumbnail service the moment the file is gone: its read, resize
        // and write race the delete and garbage-collection's cleanup.
        Thumbnail.HoldUntil(d => d.Finalizes(name), deleted.Task);

        await system.DropAsync(name, TestImages.PhotoJpeg(3000, 2000, seed: 6));
        await arrived.WaitAsync(Patience);
        File.Delete(Path.Combine(system.PicturesFolder, name));
        deleted.SetResult();
        await Cleanup.AnsweredAsync(d => d.Removes(name)).WaitAsync(Patience);

        await system.UntilDeliveredAsync(Patience);
        Assert.Null(await system.Storage.GetAsync("thumbnails", name, null, default));
        Assert.Null(await system.Catalog.GetAsync(name, default));
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task Case07_a_repeated_delete_and_a_delete_of_what_is_already_gone_are_acked_and_change_nothing_more()
    {
        const string name = "case07.jpg";
        await system.DropAsync(name, Photo(7));
        await VisibleAsync(name);
        // Handled, ack lost; the redelivery comes twice at once and finds it all gone.
        Cleanup.Plan.Once(d => d.Removes(name), PushFault.LoseAck);
        Cleanup.Plan.Once(d => d.Removes(name), PushFault.Duplicate);

        File.Delete(Path.Combine(system.PicturesFolder, name));
        await Quiet.UntilAsync(() => Task.FromResult(Cleanup.Answers.Count(a => a.Delivery.Removes(name)) >= 3), Patience, "the delete delivered three times");

        await system.UntilDeliveredAsync(Patience);
        Assert.Equal(1, Cleanup.Counts[PushFault.Duplicate]);
        Assert.Equal(1, Cleanup.Counts[PushFault.LoseAck]);
        Assert.All(Cleanup.Answers.Where(a => a.Delivery.Removes(name)), a => Assert.InRange(a.Status, 200, 299));
        Assert.Null(await system.Catalog.GetAsync(name, default));
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task Case08_a_corrupt_picture_delivered_again_and_again_is_failed_once_with_its_reason_and_acked()
    {
        const string name = "case08.jpg";
        // Failed and the ack lost; the redelivery comes twice at once.
        Thumbnail.Plan.Once(d => d.Finalizes(name), PushFault.LoseAck);
        Thumbnail.Plan.Once(d => d.Finalizes(name), PushFault.Duplicate);
        Analysis.Plan.Once(d => d.Finalizes(name), PushFault.LoseAck);
        Analysis.Plan.Once(d => d.Finalizes(name), PushFault.Duplicate);

        await system.DropAsync(name, TestImages.Truncated(Photo(8)));
        var failed = await system.Activity.WaitForAsync<ProcessingFailed>(e => e.Name == name && e.Service == "thumbnail", Patience);
        await system.Activity.WaitForAsync<ProcessingFailed>(e => e.Name == name && e.Service == "image-analysis", Patience);
        await Quiet.UntilAsync(() => Task.FromResult(Thumbnail.Answers.Count(a => a.Delivery.Finalizes(name)) >= 3 && Analysis.Answers.Count(a => a.Delivery.Finalizes(name)) >= 3), Patience, "the corrupt picture delivered three times to each");

        await system.UntilDeliveredAsync(Patience);
        await system.Activity.CatchUpAsync();
        Assert.Equal("corrupt", failed.Data.ReasonCode);
        Assert.All(AnswersFor(name), a => Assert.InRange(a.Status, 200, 299)); // acked every time: it never spins
        Assert.Equal(3, Thumbnail.Answers.Count(a => a.Delivery.Finalizes(name)));
        Assert.Single(system.Activity.All<ProcessingFailed>(), e => e.Data.Name == name && e.Data.Service == "thumbnail");
        Assert.Single(system.Activity.All<ProcessingFailed>(), e => e.Data.Name == name && e.Data.Service == "image-analysis");
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task Case09_and_11_LocalCloud_down_mid_pipeline_then_back_delivers_what_was_pending_and_notices_files_dropped_meanwhile()
    {
        // LocalCloud is Storage, Firestore, Vision and Pub/Sub at once: while it is down every
        // dependency of the services is unavailable, and nothing can push.
        const string before = "case11-before.jpg";
        const string during = "case11-during.jpg";
        var inFlight = Thumbnail.ReceivedAsync(d => d.Finalizes(before));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Thumbnail.HoldUntil(d => d.Finalizes(before), release.Task);

        await system.DropAsync(before, Photo(11));
        await inFlight.WaitAsync(Patience);
        await system.Processes.StopAsync("localcloud");
        try
        {
            release.SetResult(); // the thumbnail service now works against a dead LocalCloud: 5xx, never half-written
            await system.DropAsync(during, Photo(111));
        }
        finally
        {
            await system.Processes.StartAsync("localcloud");
        }

        await VisibleAsync(before);
        await VisibleAsync(during);
        Assert.Equal(1, system.Processes.Counts["stop localcloud"]);
        Assert.Equal(1, Thumbnail.Counts[PushFault.Delay]);
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task Case10_a_subscriber_down_for_a_while_drains_its_backlog_when_it_returns()
    {
        string[] names = ["case10-a.jpg", "case10-b.jpg", "case10-c.jpg"];
        // LocalCloud narrows its push window to a dead endpoint, so the first push is the proof; the
        // other pictures wait in the backlog.
        var pushed = Task.WhenAny(names.Select(n => Analysis.ReceivedAsync(d => d.Finalizes(n))));
        await system.Processes.KillAsync("image-analysis");
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            await system.DropAsync(name, Photo(100 + i));
        }

        try
        {
            // Pushed while it is down: not acked, kept, delivered again once it is back.
            await pushed.WaitAsync(Patience);
        }
        finally
        {
            await system.Processes.StartAsync("image-analysis");
        }

        foreach (var name in names)
        {
            await VisibleAsync(name);
        }

        Assert.Equal(1, system.Processes.Counts["SIGKILL image-analysis"]);
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task Case14_two_collage_runs_at_once_leave_one_consistent_collage_without_deleted_pictures()
    {
        const string kept = "case14-kept.jpg";
        const string deleted = "case14-deleted.jpg";
        await system.DropAsync(kept, Photo(14));
        await system.DropAsync(deleted, Photo(141));
        await VisibleAsync(kept);
        await VisibleAsync(deleted);
        File.Delete(Path.Combine(system.PicturesFolder, deleted));
        await Quiet.UntilAsync(async () => await system.Catalog.GetAsync(deleted, default) is null, Patience, "the deleted picture's document is gone");

        Collage.Plan.Once(_ => true, PushFault.Duplicate);
        await Task.WhenAll(system.TickCollageAsync(), system.TickCollageAsync());
        await system.UntilDeliveredAsync(Patience);

        Assert.Equal(1, Collage.Counts[PushFault.Duplicate]);
        Assert.True(Collage.Answers.Count() >= 3, "three collage runs were not made");
        await AssertInvariantAsync(); // refreshes once more, then checks the live collage lists only live visible pictures
    }

    [Fact]
    public async Task Case15_zero_byte_and_truncated_files_fail_with_a_reason_and_the_services_keep_serving()
    {
        await system.DropAsync("case15-empty.jpg", []);
        await system.DropAsync("case15-truncated.png", TestImages.Truncated(TestImages.SolidPng(300, 200, new Rgba32(9, 9, 9))));

        foreach (var name in new[] { "case15-empty.jpg", "case15-truncated.png" })
        {
            var failed = await system.Activity.WaitForAsync<ProcessingFailed>(e => e.Name == name && e.Service == "thumbnail", Patience);
            Assert.False(string.IsNullOrWhiteSpace(failed.Data.Reason));
        }

        await system.DropAsync("case15-after.jpg", Photo(15));
        await VisibleAsync("case15-after.jpg");
        Assert.Null(await system.Storage.GetAsync("thumbnails", "case15-empty.jpg", null, default));
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task Case13_malformed_envelopes_foreign_buckets_and_hostile_names_are_rejected_clearly_and_nothing_escapes_its_folder()
    {
        foreach (var service in FaultedSystem.ReactingServices)
        {
            using var client = new HttpClient { BaseAddress = system.Proxies[service].Target };
            using var garbage = await client.PostAsync("events", new StringContent("{\"message\": {\"data\": \"%%%\"}}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, garbage.StatusCode);
            Assert.False(string.IsNullOrWhiteSpace(await garbage.Content.ReadAsStringAsync()), $"{service} gave no reason for its 400");
        }

        // A legal Cloud Storage name that no folder may resolve: LocalCloud refuses it (400).
        const string hostile = "../case13-escape.jpg";
        var received = Task.WhenAll(
            Thumbnail.ReceivedAsync(d => d.ObjectName == hostile),
            Analysis.ReceivedAsync(d => d.ObjectName == hostile),
            Thumbnail.ReceivedAsync(d => d.ObjectName == "case13-foreign.jpg"));
        await PublishNotificationAsync("OBJECT_FINALIZE", "someone-elses-bucket", "case13-foreign.jpg", 1);
        await PublishNotificationAsync("OBJECT_FINALIZE", "pictures", hostile, 1);
        await received.WaitAsync(Patience);

        await system.UntilDeliveredAsync(Patience);
        Assert.All(AnswersFor(hostile).Concat(AnswersFor("case13-foreign.jpg")), a => Assert.InRange(a.Status, 200, 499));
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(system.DataPath)!, "case13-*", SearchOption.AllDirectories));
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task Case24_a_forged_delete_of_a_live_generation_removes_nothing()
    {
        const string name = "case24.jpg";
        await system.DropAsync(name, Photo(24));
        var generation = await VisibleAsync(name);
        var forgedHandled = Cleanup.AnsweredAsync(d => d.Removes(name));

        await PublishNotificationAsync("OBJECT_DELETE", "pictures", name, generation);
        await forgedHandled.WaitAsync(Patience);

        await system.UntilDeliveredAsync(Patience);
        Assert.Equal(generation, await VisibleAsync(name));
        await AssertThumbnailOfAsync(name, generation);
        await AssertInvariantAsync();
    }

    /// <summary>What Cloud Storage would publish (payload format NONE), but written by the test: a forgery.</summary>
    private async Task PublishNotificationAsync(string eventType, string bucket, string name, long generation)
    {
        var attributes = new Dictionary<string, string>
        {
            ["bucketId"] = bucket,
            ["objectId"] = name,
            ["objectGeneration"] = generation.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["eventTime"] = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["eventType"] = eventType,
            ["payloadFormat"] = "NONE",
        };
        var body = new { messages = new[] { new { data = "", attributes } } };
        using var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(system.PubSub, $"v1/projects/{PicADailySystem.Project}/topics/picture-events:publish", body);
        response.EnsureSuccessStatusCode();
    }

    private static byte[] Photo(int seed) => TestImages.PhotoJpeg(640, 480, seed);

    private IEnumerable<(PushDelivery Delivery, int Status)> AnswersFor(string name) =>
        Analysis.Answers.Concat(Thumbnail.Answers).Where(a => a.Delivery.ObjectName == name);

    private Task<long> VisibleAsync(string name) => checks.VisibleAsync(name);

    private Task AssertThumbnailOfAsync(string name, long generation) => checks.AssertThumbnailOfAsync(name, generation);

    private Task AssertInvariantAsync() => checks.AssertInvariantAsync(system.FaultSummary());
}
