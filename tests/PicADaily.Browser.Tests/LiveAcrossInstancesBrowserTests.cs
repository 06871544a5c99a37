using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Publishing;
using PicADaily.Frontend.Live;
using PicADaily.Frontend.Storage;
using PicADaily.Frontend.Tests.Support;
using PicADaily.Frontend.Timeline;
using PicADaily.Pictures;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.Browser.Tests;

/// <summary>
/// Live updates in chromium through two real frontend instances over one real LocalCloud (the same
/// Storage, Pub/Sub and Firestore). LocalCloud pushes to the first instance only, as a load balancer
/// sends each push to one instance: a browser on the second hears of it only through that
/// instance's timeline poller. image-analysis, thumbnail and collage do not run here: the test does
/// what they would (write the picture's document and thumbnail) and publishes the activity events
/// they would publish, to the real <c>picture-activity</c> topic, from which LocalCloud pushes them.
/// </summary>
public sealed class LiveAcrossInstancesBrowserTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly float PatienceMs = (float)Patience.TotalMilliseconds;

    private LocalCloudStack stack = null!;
    private Uri pushed = null!;
    private Uri other = null!;
    private TimelinePoller otherPoller = null!;
    private ChromiumSession? chromium;

    public async Task InitializeAsync()
    {
        stack = await LocalCloudStack.StartAsync(builder => builder.UseSetting("Live:PollInterval", "200ms"));
        pushed = stack.FrontendUri;
        var (otherFrontend, otherUri) = stack.StartAnotherFrontend();
        other = otherUri;
        otherPoller = otherFrontend.Services.GetRequiredService<TimelinePoller>();
        foreach (var services in new[] { stack.Frontend.Services, otherFrontend.Services })
        {
            // The poller's first read only finds where the timeline ends: the tests' events come after it.
            var poller = services.GetRequiredService<TimelinePoller>();
            await Eventually.UntilAsync(() => poller.CompletedPolls >= 1, Patience, "each instance's live poller found the end of the timeline");
        }

        chromium = await ChromiumSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (chromium is not null)
        {
            await chromium.DisposeAsync();
        }

        await stack.DisposeAsync();
    }

    [Fact]
    public async Task One_upload_through_one_instance_updates_a_browser_on_each_instance()
    {
        await using var onPushed = await BrowserOnAsync(pushed);
        await using var onOther = await BrowserOnAsync(other);
        var galleries = new[] { await OpenAsync(onPushed, "/"), await OpenAsync(onOther, "/") };
        foreach (var gallery in galleries)
        {
            await gallery.EvaluateAsync("() => { window.notReloaded = true; }");
        }

        // Uploaded through the instance no push reaches: its "uploaded" entry is recorded by the other.
        var name = await UploadAsync(onOther, "sunrise.png");
        var pictures = new[] { await OpenAsync(onPushed, "/pictures/" + name), await OpenAsync(onOther, "/pictures/" + name) };
        foreach (var picture in pictures)
        {
            await picture.WaitForSelectorAsync("li.timeline-entry[data-kind='uploaded']", new() { Timeout = PatienceMs });
            await picture.EvaluateAsync("() => { window.notReloaded = true; }");
        }

        await ServicesMakeVisibleAsync(name);

        foreach (var gallery in galleries)
        {
            await gallery.WaitForSelectorAsync($"li.picture-card[data-name='{name}']", new() { Timeout = PatienceMs });
            Assert.True(await gallery.EvaluateAsync<bool>("() => window.notReloaded === true"), "The gallery updated without a reload.");
        }

        foreach (var picture in pictures)
        {
            await picture.WaitForSelectorAsync("li.timeline-entry[data-kind='analyzed']", new() { Timeout = PatienceMs });
            await picture.WaitForSelectorAsync("li.timeline-entry[data-kind='thumbnail-created']", new() { Timeout = PatienceMs });
            Assert.True(await picture.EvaluateAsync<bool>("() => window.notReloaded === true"), "The timeline updated without a reload.");
        }
    }

    [Fact]
    public async Task A_browser_offline_during_three_events_gets_all_three_exactly_once_when_it_reconnects()
    {
        await using var uploader = await BrowserOnAsync(pushed);
        var name = await UploadAsync(uploader, "harbour.png");
        // The upload is news the watching browser's page already shows: its stream starts after it.
        await UntilRecordedAsync(name, ["uploaded"]);
        var uploaded = await NewestCursorAsync();
        await Eventually.UntilAsync(() => otherPoller.Position >= uploaded, Patience, "the other instance's poller read the upload's entry");
        await using var link = new UnpluggableLink(other);
        await using var watcher = await BrowserOnAsync(link.Address);
        var page = await OpenAsync(watcher, "/pictures/" + name);
        await page.WaitForSelectorAsync("li.timeline-entry[data-kind='uploaded']", new() { Timeout = PatienceMs });
        var generation = await GenerationAsync(name);

        link.Unplug();
        await LiveEventLog.WaitForDropAsync(page, PatienceMs);
        var heardBefore = await LiveEventLog.ReadAsync(page);
        await PublishAsync("image-analysis", new PictureAnalyzed("pictures", name, generation, ["Sea"], "#1e90ff"));
        await PublishAsync("thumbnail", new ThumbnailCreated("pictures", name, generation, "thumbnails", 1, "image/png"));
        await PublishAsync("collage", new CollageCreated("thumbnails", "collage.png", 1, [new(name, generation)]));
        await UntilRecordedAsync(name, ["analyzed", "thumbnail-created", "in-collage"]);

        link.PlugIn();
        await page.WaitForSelectorAsync("li.timeline-entry[data-kind='in-collage']", new() { Timeout = PatienceMs });
        // A fourth event after the reconnect, of another kind: whatever the stream would repeat of the three comes before it.
        await PublishAsync("collage", new ProcessingFailed("pictures", name, generation, "collage", "marker", "published by the test after the reconnect"));
        await LiveEventLog.WaitForUpdateAsync(page, name, "processing-failed", PatienceMs);

        var heardAfter = (await LiveEventLog.ReadAsync(page)).Skip(heardBefore.Count).ToList();
        Assert.DoesNotContain(heardAfter, e => e.Type == "reload");
        var news = heardAfter.Where(e => e.Type == "picture").ToList();
        // Pushes are not ordered, so the three are recorded in any order; they are heard in the timeline's.
        Assert.All(news, e => Assert.Equal(name, e.Update().Picture));
        var heard = news.Select(e => e.Update().Kind).ToList();
        Assert.True(heard is [_, _, _, "processing-failed"], "Heard after the reconnect: " + string.Join(", ", heard));
        Assert.Equal(["analyzed", "in-collage", "thumbnail-created"], heard.Take(3).Order(StringComparer.Ordinal));
        var cursors = news.Select(e => TimelineCursor.TryParse(e.Id, out var cursor) ? cursor.Value : throw new InvalidOperationException($"\"{e.Id}\" is no cursor")).ToList();
        Assert.Equal(cursors.Order(), cursors);
        Assert.Equal(4, cursors.Distinct().Count());
        await page.WaitForSelectorAsync("li.timeline-entry[data-kind='processing-failed']", new() { Timeout = PatienceMs });
        var kinds = await page.Locator("li.timeline-entry").EvaluateAllAsync<string[]>("entries => entries.map(e => e.dataset.kind)");
        Assert.Equal(["analyzed", "in-collage", "processing-failed", "thumbnail-created", "uploaded"], kinds.Order(StringComparer.Ordinal));
    }

    private Task<IBrowserContext> BrowserOnAsync(Uri instance) =>
        chromium!.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = instance.ToString() });

    private static Task<IPage> OpenAsync(IBrowserContext context, string path) => LiveEventLog.OpenAsync(context, path, PatienceMs);

    private static async Task<string> UploadAsync(IBrowserContext context, string fileName)
    {
        var upload = await context.NewPageAsync();
        await upload.GotoAsync("/upload");
        await upload.SetInputFilesAsync("#pictures", new FilePayload { Name = fileName, MimeType = "image/png", Buffer = Picture(new Rgba32(30, 144, 255)) });
        await upload.ClickAsync("button[type=submit]");
        await upload.WaitForSelectorAsync("body[data-uploads-done='1']", new() { Timeout = PatienceMs });
        var name = await upload.Locator("#upload-results li.accepted a").TextContentAsync();
        Assert.False(string.IsNullOrEmpty(name), "The upload was accepted.");
        await upload.CloseAsync();
        return name;
    }

    // What image-analysis and thumbnail would store, then the events they would publish.
    private async Task ServicesMakeVisibleAsync(string name)
    {
        var generation = await GenerationAsync(name);
        await using var scope = stack.Frontend.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<PictureCatalog>();
        await catalog.RecordAnalysisAsync(name, generation, DateTimeOffset.UtcNow, new PictureAnalysis(["Sea"], "#1e90ff", true, null), CancellationToken.None);
        var thumbnail = Picture(new Rgba32(30, 144, 255));
        await scope.ServiceProvider.GetRequiredService<IPictureObjects>().CreateAsync("thumbnails", name, thumbnail, "image/png", new Dictionary<string, string>(), CancellationToken.None);
        await catalog.RecordThumbnailAsync(name, generation, DateTimeOffset.UtcNow, CancellationToken.None);
        await PublishAsync("image-analysis", new PictureAnalyzed("pictures", name, generation, ["Sea"], "#1e90ff"));
        await PublishAsync("thumbnail", new ThumbnailCreated("pictures", name, generation, "thumbnails", 1, "image/png"));
    }

    private async Task<long> GenerationAsync(string name)
    {
        await using var scope = stack.Frontend.Services.CreateAsyncScope();
        var original = await scope.ServiceProvider.GetRequiredService<IPictureObjects>().GetAsync("pictures", name, CancellationToken.None);
        Assert.NotNull(original);
        return original.Generation;
    }

    private async Task<TimelineCursor> NewestCursorAsync()
    {
        await using var scope = stack.Frontend.Services.CreateAsyncScope();
        var newest = await scope.ServiceProvider.GetRequiredService<ITimelineStore>().NewestCursorAsync(CancellationToken.None);
        Assert.NotNull(newest);
        return newest.Value;
    }

    private async Task PublishAsync<T>(string service, T payload)
        where T : class
    {
        var publisher = stack.Frontend.Services.GetRequiredService<IEventPublisher>();
        await publisher.PublishAsync(Topics.PictureActivity, ActivityEventFactory.Create(service, payload), CancellationToken.None);
    }

    // Read from Firestore by the test, not through any browser: the three happened while it was offline.
    private async Task UntilRecordedAsync(string name, string[] kinds)
    {
        using var http = new HttpClient { BaseAddress = pushed };
        await Eventually.UntilAsync(
            async () =>
            {
                var picture = JsonDocument.Parse(await http.GetStringAsync("/api/pictures/" + name)).RootElement;
                var recorded = picture.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
                return kinds.All(recorded.Contains);
            },
            Patience,
            $"{string.Join(", ", kinds)} recorded in the timeline of {name}",
            TimeSpan.FromMilliseconds(100));
    }

    private static byte[] Picture(Rgba32 color)
    {
        using var image = new Image<Rgba32>(120, 120, color);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}
