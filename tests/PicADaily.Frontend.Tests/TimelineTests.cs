using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PicADaily.Contracts.Payloads;
using PicADaily.Frontend.Tests.Support;
using PicADaily.Frontend.Timeline;

namespace PicADaily.Frontend.Tests;

public sealed class TimelineTests : IDisposable
{
    private const string Name = "20260101/0123456789abcdef0123456789abcdef.jpg";
    private const long Generation = 1_700_000_000_000_001;
    private readonly FrontendFactory factory = new();
    private readonly HttpClient client;

    public TimelineTests() => client = factory.CreateClient();

    public void Dispose()
    {
        client.Dispose();
        factory.Dispose();
    }

    [Fact]
    public async Task Every_step_of_a_pictures_life_lands_in_its_timeline_in_order()
    {
        await DeliverAsync(Deliveries.StorageNotification("OBJECT_FINALIZE", Name, Generation));
        await DeliverAsync(Deliveries.Activity("image-analysis", new PictureAnalyzed("pictures", Name, Generation, ["Beach", "Sea"], "#1e90ff"), "e-analyzed"));
        await DeliverAsync(Deliveries.Activity("thumbnail", new ThumbnailCreated("pictures", Name, Generation, "thumbnails", 5, "image/jpeg"), "e-thumb"));
        await DeliverAsync(Deliveries.Activity("collage", new CollageCreated("thumbnails", "collage.png", 9, [new("other.png", 1), new(Name, Generation)]), "e-collage"));
        await DeliverAsync(Deliveries.StorageNotification("OBJECT_DELETE", Name, Generation, messageId: "m-delete"));
        await DeliverAsync(Deliveries.Activity("garbage-collection", new PictureCleaned("pictures", Name, Generation, true, true), "e-cleaned"));

        var timeline = await TimelineAsync(Name);

        Assert.Equal(
            [TimelineKinds.Uploaded, TimelineKinds.Analyzed, TimelineKinds.ThumbnailCreated, TimelineKinds.InCollage, TimelineKinds.Deleted, TimelineKinds.Cleaned],
            timeline.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(["cloud-storage", "image-analysis", "thumbnail", "collage", "cloud-storage", "garbage-collection"], timeline.Select(e => e.GetProperty("service").GetString()));
        Assert.Contains("Beach, Sea", timeline[1].GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("position 2 of 2", timeline[3].GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.All(timeline, e => Assert.Equal(Generation, e.GetProperty("generation").GetInt64()));
        Assert.Single(await TimelineAsync("other.png"));
    }

    [Fact]
    public async Task Failures_are_recorded_with_their_reason()
    {
        await DeliverAsync(Deliveries.Activity("thumbnail", new ProcessingFailed("pictures", Name, Generation, "thumbnail", "corrupt", "corrupt image: unexpected end of JPEG data"), "e-failed"));
        await DeliverAsync(Deliveries.Activity("image-analysis", new PictureRejected("pictures", Name, Generation, "adult: LIKELY"), "e-rejected"));

        var timeline = await TimelineAsync(Name);

        var failed = timeline.Single(e => e.GetProperty("kind").GetString() == TimelineKinds.ProcessingFailed);
        Assert.Equal("thumbnail", failed.GetProperty("service").GetString());
        Assert.Equal("corrupt image: unexpected end of JPEG data", failed.GetProperty("reason").GetString());
        var rejected = timeline.Single(e => e.GetProperty("kind").GetString() == TimelineKinds.Rejected);
        Assert.Equal("adult: LIKELY", rejected.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Replacements_and_supersedes_are_told_apart_from_uploads_and_deletions()
    {
        await DeliverAsync(Deliveries.StorageNotification("OBJECT_FINALIZE", Name, Generation + 1, overwroteGeneration: Generation));
        await DeliverAsync(Deliveries.StorageNotification("OBJECT_DELETE", Name, Generation, overwrittenByGeneration: Generation + 1));

        var kinds = (await TimelineAsync(Name)).Select(e => e.GetProperty("kind").GetString()).ToHashSet();

        Assert.Equal([TimelineKinds.Replaced, TimelineKinds.Superseded], kinds);
    }

    [Fact]
    public async Task A_dead_lettered_message_says_which_subscription_gave_up_after_how_many_attempts()
    {
        await DeliverAsync(Deliveries.StorageNotification("OBJECT_FINALIZE", Name, Generation));
        await DeliverAsync(Deliveries.StorageNotification("OBJECT_FINALIZE", Name, Generation, deadLetter: new DeadLetter("projects/picadaily-local/subscriptions/thumbnail-picture-events", 5), messageId: "m-dead"));

        var timeline = await TimelineAsync(Name);

        Assert.Equal(2, timeline.Count);
        var dead = timeline.Single(e => e.GetProperty("kind").GetString() == TimelineKinds.DeadLettered);
        Assert.Equal("dead-lettered after 5 attempts by subscription thumbnail-picture-events", dead.GetProperty("reason").GetString());
        Assert.Equal("thumbnail-picture-events", dead.GetProperty("service").GetString());
    }

    [Fact]
    public async Task A_dead_lettered_activity_event_is_recorded_as_a_failure_too()
    {
        var payload = new ThumbnailCreated("pictures", Name, Generation, "thumbnails", 5, "image/jpeg");
        await DeliverAsync(Deliveries.Activity("thumbnail", payload, "e-thumb", new DeadLetter("projects/p/subscriptions/garbage-collection-picture-activity", 7)));

        var entry = Assert.Single(await TimelineAsync(Name));

        Assert.Equal(TimelineKinds.DeadLettered, entry.GetProperty("kind").GetString());
        Assert.Contains("after 7 attempts by subscription garbage-collection-picture-activity", entry.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redeliveries_of_the_same_event_add_no_second_entry()
    {
        var analyzed = new PictureAnalyzed("pictures", Name, Generation, ["Cat"], "#000000");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // Each redelivery is a new Pub/Sub message carrying the same event.
            await DeliverAsync(Deliveries.Activity("image-analysis", analyzed, "e-same", messageId: $"m-{attempt}"));
            await DeliverAsync(Deliveries.StorageNotification("OBJECT_FINALIZE", Name, Generation, messageId: $"n-{attempt}"));
        }

        var timeline = await TimelineAsync(Name);

        Assert.Equal(2, timeline.Count);
        Assert.Equal(2, factory.Firestore.All(FirestoreTimelineStore.Collection).Count);
    }

    [Fact]
    public async Task The_picture_page_shows_the_timeline_with_times_services_and_reasons()
    {
        factory.Objects.Put("pictures", Name, TestImages.JpegHeader, metadata: new Dictionary<string, string> { ["originalName"] = "beach.jpg" });
        await DeliverAsync(Deliveries.StorageNotification("OBJECT_FINALIZE", Name, Generation));
        await DeliverAsync(Deliveries.Activity("thumbnail", new ProcessingFailed("pictures", Name, Generation, "thumbnail", "corrupt", "corrupt <image>"), "e-failed"));

        var html = await client.GetStringAsync("/pictures/" + Name);

        Assert.Contains("beach.jpg", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"service\">cloud-storage</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"reason\">corrupt &lt;image&gt;</span>", html, StringComparison.Ordinal);
        Assert.Contains("data-confirm=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_picture_is_404_on_the_api_and_the_page()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/pictures/nothing.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/pictures/nothing.png")).StatusCode);
    }

    [Fact]
    public async Task Browsers_listening_for_live_updates_hear_about_a_new_visible_picture_but_never_the_name_of_a_hidden_one()
    {
        const string Hidden = "20260101/ffffffffffffffffffffffffffffffff.jpg";
        var visible = factory.Objects.Put("pictures", Name, [1]).Info.Generation;
        factory.Directory.Add(new PicADaily.Contracts.Pictures.PictureDocument { Name = Name, Generation = visible, Safe = true, Analyzed = true, Thumbnail = true });
        var hidden = factory.Objects.Put("pictures", Hidden, [1]).Info.Generation;
        factory.Directory.Add(new PicADaily.Contracts.Pictures.PictureDocument { Name = Hidden, Generation = hidden, Safe = false, Analyzed = true, RejectionReason = "adult: LIKELY" });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await client.GetAsync("/api/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await ReadUntilAsync(reader, "event: ready", timeout.Token);

        // Updates reach a listener in the order recorded: by the time the visible one arrives, the hidden one has been through.
        await DeliverAsync(Deliveries.Activity("image-analysis", new PictureRejected("pictures", Hidden, hidden, "adult: LIKELY"), "e-hidden"));
        await DeliverAsync(Deliveries.Activity("thumbnail", new ThumbnailCreated("pictures", Name, visible, "thumbnails", 5, "image/jpeg"), "e-live"));
        var updates = new List<JsonElement>();
        while (updates.Count == 0 || updates[^1].GetProperty("picture").GetString() != Name)
        {
            await ReadUntilAsync(reader, "event: picture", timeout.Token);
            var data = await reader.ReadLineAsync(timeout.Token);
            Assert.NotNull(data);
            updates.Add(JsonDocument.Parse(data["data: ".Length..]).RootElement);
        }

        Assert.DoesNotContain(updates, u => u.GetRawText().Contains(Hidden, StringComparison.Ordinal));
        Assert.Contains(updates, u => u.GetProperty("picture").GetString() == "" && u.GetProperty("galleryChanged").GetBoolean());
        var update = updates[^1];
        Assert.Equal(TimelineKinds.ThumbnailCreated, update.GetProperty("kind").GetString());
        Assert.True(update.GetProperty("galleryChanged").GetBoolean());
    }

    [Fact]
    public async Task A_listener_that_names_a_hidden_picture_hears_about_it()
    {
        const string Hidden = "20260101/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee.jpg";
        var hidden = factory.Objects.Put("pictures", Hidden, [1]).Info.Generation;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await client.GetAsync("/api/live?picture=" + Uri.EscapeDataString(Hidden), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await ReadUntilAsync(reader, "event: ready", timeout.Token);

        await DeliverAsync(Deliveries.Activity("image-analysis", new PictureRejected("pictures", Hidden, hidden, "adult: LIKELY"), "e-named"));
        await ReadUntilAsync(reader, "event: picture", timeout.Token);
        var data = await reader.ReadLineAsync(timeout.Token);

        Assert.NotNull(data);
        Assert.Equal(Hidden, JsonDocument.Parse(data["data: ".Length..]).RootElement.GetProperty("picture").GetString());
    }

    [Fact]
    public async Task Events_the_frontend_does_not_record_are_acknowledged()
    {
        var response = await client.PostAsync("/events", Deliveries.StorageNotification("OBJECT_METADATA_UPDATE", Name, Generation));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await TimelineAsync(Name));
    }

    private static async Task ReadUntilAsync(StreamReader reader, string line, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } read)
        {
            if (read == line)
            {
                return;
            }
        }

        Assert.Fail($"The stream ended before \"{line}\".");
    }

    private async Task DeliverAsync(HttpContent delivery)
    {
        var response = await client.PostAsync("/events", delivery);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private async Task<List<JsonElement>> TimelineAsync(string name)
    {
        var response = await client.GetAsync("/api/pictures/" + name);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.GetProperty("timeline").EnumerateArray().ToList();
    }
}
