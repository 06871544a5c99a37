using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Pictures;
using PicADaily.Frontend.Api;
using PicADaily.Frontend.Live;
using PicADaily.Frontend.Tests.Support;
using PicADaily.Frontend.Timeline;
using PicADaily.Testing;

namespace PicADaily.Frontend.Tests;

/// <summary>
/// Live updates through several frontend instances over one Firestore: each instance's poller reads
/// the timeline (its clock is advanced by the test, so every poll is one the test made happen), and a
/// browser that reconnects with Last-Event-ID first hears what it missed.
/// </summary>
public sealed partial class LiveCursorTests : IDisposable
{
    private const string Name = "20260101/0123456789abcdef0123456789abcdef.jpg";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly InMemoryPictureObjects objects = new();
    private readonly InMemoryPictureDirectory directory = new();
    private readonly InMemoryFirestore firestore = new();
    private readonly FakeTimeProvider clockA = new();
    private readonly FakeTimeProvider clockB = new();
    private readonly FrontendFactory instanceA;
    private readonly FrontendFactory instanceB;
    private readonly long generation;

    public LiveCursorTests()
    {
        instanceA = new FrontendFactory(objects, directory, firestore) { Clock = clockA };
        instanceB = new FrontendFactory(objects, directory, firestore) { Clock = clockB };
        generation = objects.Put("pictures", Name, [1]).Info.Generation;
        directory.Add(new PictureDocument { Name = Name, Generation = generation, Safe = true, Analyzed = true, Thumbnail = true });
    }

    public void Dispose()
    {
        instanceA.Dispose();
        instanceB.Dispose();
    }

    [Fact]
    public async Task A_browser_on_another_instance_hears_of_an_event_pushed_to_the_first_with_its_cursor_as_id()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var pushTarget = instanceA.CreateClient();
        using var browserOnB = instanceB.CreateClient();
        using var stream = await ListenAsync(browserOnB, null, timeout.Token);
        await stream.NextAsync(LiveApi.ReadyEvent, timeout.Token);
        await FirstPollAsync(instanceB);

        await DeliverAsync(pushTarget, Deliveries.Activity("thumbnail", new ThumbnailCreated("pictures", Name, generation, "thumbnails", 5, "image/jpeg"), "e-thumb"));
        clockB.Advance(PollInterval);
        var heard = await stream.NextAsync(LiveApi.UpdateEvent, timeout.Token);

        Assert.Equal(Name, Json(heard).GetProperty("picture").GetString());
        Assert.Equal(TimelineKinds.ThumbnailCreated, Json(heard).GetProperty("kind").GetString());
        Assert.True(TimelineCursor.TryParse(heard.Id, out var cursor), $"The update's id \"{heard.Id}\" is no cursor.");
        Assert.Equal(Assert.Single(firestore.In(FirestoreTimelineStore.Collection)).Id, cursor!.Value.EntryId);
    }

    [Fact]
    public async Task The_instance_that_recorded_an_entry_sends_it_at_once_and_then_only_its_id_so_it_is_heard_once()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var client = instanceA.CreateClient();
        using var stream = await ListenAsync(client, null, timeout.Token);
        await stream.NextAsync(LiveApi.ReadyEvent, timeout.Token);
        await FirstPollAsync(instanceA);

        await DeliverAsync(client, Deliveries.Activity("thumbnail", new ThumbnailCreated("pictures", Name, generation, "thumbnails", 5, "image/jpeg"), "e-thumb"));
        var fast = await stream.NextAsync(timeout.Token);
        clockA.Advance(PollInterval);
        var confirmed = await stream.NextAsync(timeout.Token);

        Assert.Equal((LiveApi.UpdateEvent, null), (fast.Type, fast.Id));
        Assert.Equal(LiveApi.CursorEvent, confirmed.Type);
        Assert.True(TimelineCursor.TryParse(confirmed.Id, out _));
    }

    [Fact]
    public async Task A_browser_disconnected_during_three_events_hears_all_three_in_order_when_it_reconnects()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var pushTarget = instanceA.CreateClient();
        using var browser = instanceB.CreateClient();
        string lastEventId;
        using (var first = await ListenAsync(browser, null, timeout.Token))
        {
            await first.NextAsync(LiveApi.ReadyEvent, timeout.Token);
            await FirstPollAsync(instanceB);
            await DeliverAsync(pushTarget, Deliveries.StorageNotification("OBJECT_FINALIZE", Name, generation));
            clockB.Advance(PollInterval);
            lastEventId = (await first.NextAsync(LiveApi.UpdateEvent, timeout.Token)).Id!;
        }

        await DeliverAsync(pushTarget, Deliveries.Activity("image-analysis", new PictureAnalyzed("pictures", Name, generation, ["Sea"], "#1e90ff"), "e-1"));
        await DeliverAsync(pushTarget, Deliveries.Activity("thumbnail", new ThumbnailCreated("pictures", Name, generation, "thumbnails", 5, "image/jpeg"), "e-2"));
        await DeliverAsync(pushTarget, Deliveries.Activity("collage", new CollageCreated("thumbnails", "collage.png", 9, [new(Name, generation)]), "e-3"));
        using var again = await ListenAsync(browser, lastEventId, timeout.Token);
        await again.NextAsync(LiveApi.ReadyEvent, timeout.Token);
        var missed = new List<SseEvent>();
        for (var i = 0; i < 3; i++)
        {
            missed.Add(await again.NextAsync(LiveApi.UpdateEvent, timeout.Token));
        }

        Assert.Equal([TimelineKinds.Analyzed, TimelineKinds.ThumbnailCreated, TimelineKinds.InCollage], missed.Select(e => Json(e).GetProperty("kind").GetString()));
        var cursors = missed.Select(e => TimelineCursor.TryParse(e.Id, out var c) ? c.Value : throw new InvalidOperationException("no cursor")).ToList();
        Assert.Equal(cursors.Order(), cursors);
        Assert.Equal(3, cursors.Distinct().Count());
    }

    [Fact]
    public async Task A_page_hears_an_entry_recorded_after_it_was_drawn_even_when_its_stream_opens_after_the_poller_read_it()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var pushTarget = instanceA.CreateClient();
        using var browserOnB = instanceB.CreateClient();
        await FirstPollAsync(instanceB);
        await DeliverAsync(pushTarget, Deliveries.StorageNotification("OBJECT_FINALIZE", Name, generation));
        await UntilReadAsync(instanceB, clockB);

        var page = await browserOnB.GetStringAsync("/", timeout.Token);
        var drawnAt = LiveAfter().Match(page);
        Assert.True(drawnAt.Success, "The page says where the timeline stood when it was drawn.");
        Assert.Equal((await NewestAsync(instanceB)).ToString(), drawnAt.Groups["cursor"].Value);

        // Recorded after the page was drawn, and read by the poller before the page's stream connects:
        // a stream that started at the poller's position would never hear of it.
        await DeliverAsync(pushTarget, Deliveries.Activity("thumbnail", new ThumbnailCreated("pictures", Name, generation, "thumbnails", 5, "image/jpeg"), "e-late"));
        await UntilReadAsync(instanceB, clockB);
        using var stream = await ListenAsync(browserOnB, null, timeout.Token, "/api/live?after=" + drawnAt.Groups["cursor"].Value);
        await stream.NextAsync(LiveApi.ReadyEvent, timeout.Token);
        var heard = await stream.NextAsync(LiveApi.UpdateEvent, timeout.Token);

        Assert.Equal(TimelineKinds.ThumbnailCreated, Json(heard).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_page_drawn_after_an_entry_was_recorded_does_not_hear_it_again_though_the_poller_has_not_read_it()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var pushTarget = instanceA.CreateClient();
        using var browserOnB = instanceB.CreateClient();
        await FirstPollAsync(instanceB);
        // Recorded, but instance B's poller has not read it: its position still lies before it.
        await DeliverAsync(pushTarget, Deliveries.Activity("collage", new CollageCreated("thumbnails", "collage.png", 9, [new(Name, generation)]), "e-collage"));
        Assert.NotEqual(await NewestAsync(instanceB), instanceB.Services.GetRequiredService<TimelinePoller>().Position);

        var page = await browserOnB.GetStringAsync("/collage", timeout.Token);
        var drawnAt = LiveAfter().Match(page).Groups["cursor"].Value;
        using var stream = await ListenAsync(browserOnB, null, timeout.Token, "/api/live?after=" + drawnAt);
        await stream.NextAsync(LiveApi.ReadyEvent, timeout.Token);
        await DeliverAsync(pushTarget, Deliveries.Activity("thumbnail", new ThumbnailCreated("pictures", Name, generation, "thumbnails", 5, "image/jpeg"), "e-after"));
        await UntilReadAsync(instanceB, clockB);

        // The collage page already shows that collage: hearing its entry again would make it reload for nothing.
        var heard = await stream.NextAsync(LiveApi.UpdateEvent, timeout.Token);
        Assert.Equal(TimelineKinds.ThumbnailCreated, Json(heard).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_last_event_id_that_is_no_cursor_replays_nothing()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var client = instanceA.CreateClient();
        await DeliverAsync(client, Deliveries.StorageNotification("OBJECT_FINALIZE", Name, generation));
        using var stream = await ListenAsync(client, "0-../../pictures", timeout.Token);
        await stream.NextAsync(LiveApi.ReadyEvent, timeout.Token);
        await FirstPollAsync(instanceA);
        await DeliverAsync(client, Deliveries.Activity("thumbnail", new ThumbnailCreated("pictures", Name, generation, "thumbnails", 5, "image/jpeg"), "e-thumb"));

        var next = await stream.NextAsync(timeout.Token);

        Assert.Equal(TimelineKinds.ThumbnailCreated, Json(next).GetProperty("kind").GetString());
    }

    private static async Task<SseReader> ListenAsync(HttpClient client, string? lastEventId, CancellationToken cancellationToken, string path = "/api/live")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new SseReader(await response.Content.ReadAsStreamAsync(cancellationToken));
    }

    // The poller's first read only finds where the timeline ends; the test's events come after it.
    private static Task FirstPollAsync(FrontendFactory instance)
    {
        var poller = instance.Services.GetRequiredService<TimelinePoller>();
        return Eventually.UntilAsync(() => poller.CompletedPolls >= 1, Patience, "the live poller found the end of the timeline");
    }

    // Moves the instance's clock a poll on at a time until its poller has read to the end of the timeline.
    private async Task UntilReadAsync(FrontendFactory instance, FakeTimeProvider clock)
    {
        var poller = instance.Services.GetRequiredService<TimelinePoller>();
        var newest = firestore.In(FirestoreTimelineStore.Collection).Count;
        await Eventually.UntilAsync(
            async () =>
            {
                var end = await NewestAsync(instance);
                if (end is not null && poller.Position == end)
                {
                    return true;
                }

                // A poll already under way when the clock moved waits for the next move.
                clock.Advance(PollInterval);
                return false;
            },
            Patience,
            $"the poller read all {newest} timeline entries",
            TimeSpan.FromMilliseconds(50));
    }

    private static async Task<TimelineCursor?> NewestAsync(FrontendFactory instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITimelineStore>().NewestCursorAsync(CancellationToken.None);
    }

    [GeneratedRegex("data-live-after=\"(?<cursor>[^\"]+)\"")]
    private static partial Regex LiveAfter();

    private static async Task DeliverAsync(HttpClient client, HttpContent delivery) =>
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/events", delivery)).StatusCode);

    private static JsonElement Json(SseEvent e) => JsonDocument.Parse(e.Data).RootElement;
}
