using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PicADaily.Contracts.Payloads;
using PicADaily.Frontend.Live;
using PicADaily.Frontend.Tests.Support;
using PicADaily.GoogleCloud.PubSub;

namespace PicADaily.Browser.Tests;

/// <summary>
/// Operating the choreography in a real browser: two frontend instances over one Firestore and
/// buckets serve the same live stream, and an admin finds a dead letter on /operations, replays it,
/// and sees the replay in the picture's timeline. Screenshots go to the test output's
/// <c>screenshots/</c> folder: <c>operations.png</c> and <c>picture-with-replay.png</c>.
/// </summary>
public sealed class OperateBrowserTests : IAsyncLifetime
{
    private const string Admin = "ops@localhost";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly InMemoryPictureObjects objects = new();
    private readonly InMemoryPictureDirectory directory = new();
    private readonly InMemoryFirestore firestore = new();
    private readonly RecordingPubSubPublisher publisher = new();
    private readonly List<InstanceFactory> instances = [];
    private readonly string screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
    private ChromiumSession? chromium;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(screenshots);
        chromium = await ChromiumSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (chromium is not null)
        {
            await chromium.DisposeAsync();
        }

        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }
    }

    [Fact]
    public async Task Browsers_on_two_instances_both_see_a_picture_whose_event_reached_only_one()
    {
        var first = await StartAsync();
        var second = await StartAsync();
        var galleries = new List<IPage>();
        foreach (var instance in new[] { first, second })
        {
            var page = await chromium!.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = instance.Address.ToString() });
            await page.GotoAsync("/");
            await page.WaitForSelectorAsync("body[data-live-ready='true']", new() { Timeout = (float)Patience.TotalMilliseconds });
            galleries.Add(page);
            var poller = instance.Services.GetRequiredService<TimelinePoller>();
            await PicADaily.Testing.Eventually.UntilAsync(() => poller.CompletedPolls >= 1, Patience, "the live poller found the end of the timeline");
        }

        const string Name = "20260101/0123456789abcdef0123456789abcdef.png";
        await MakeVisibleAndTellAsync(first, Name);

        foreach (var page in galleries)
        {
            await page.WaitForSelectorAsync($"li.picture-card[data-name='{Name}']", new() { Timeout = (float)Patience.TotalMilliseconds });
        }
    }

    [Fact]
    public async Task An_admin_replays_a_dead_letter_from_the_operations_page_and_the_picture_timeline_shows_it()
    {
        var frontend = await StartAsync(Admin);
        const string Name = "20260101/fedcba9876543210fedcba9876543210.png";
        var generation = objects.Put("pictures", Name, TestImages.Png, "image/png").Info.Generation;
        using var http = new HttpClient { BaseAddress = frontend.Address };
        await DeliverAsync(http, Deliveries.StorageNotification("OBJECT_FINALIZE", Name, generation, messageId: "upload"));
        await DeliverAsync(http, Deliveries.StorageNotification("OBJECT_FINALIZE", Name, generation,
            deadLetter: new DeadLetter("projects/picadaily-local/subscriptions/image-analysis-picture-events", 5), messageId: "dead-letter"));
        var page = await chromium!.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = frontend.Address.ToString() });

        await page.GotoAsync("/operations");
        var group = page.Locator("tr.failure-group[data-service='image-analysis-picture-events']");
        Assert.Equal("1", await group.Locator("td.count").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "operations.png"), FullPage = true });
        await page.ClickAsync("form.replay-one button");
        await page.WaitForSelectorAsync("p.notice:has-text('Replayed 1 message to picture-events')", new() { Timeout = (float)Patience.TotalMilliseconds });

        var (topic, message) = Assert.Single(publisher.Published);
        Assert.Equal(("picture-events", Name), (topic, message.Attributes["objectId"]));
        // What follows on the replayed notification: image-analysis and thumbnail do their work.
        await MakeVisibleAndTellAsync(frontend, Name);
        await page.GotoAsync("/pictures/" + Name);
        await page.WaitForSelectorAsync("li.timeline-entry[data-kind='replayed']", new() { Timeout = (float)Patience.TotalMilliseconds });
        await page.WaitForSelectorAsync("li.timeline-entry[data-kind='thumbnail-created']", new() { Timeout = (float)Patience.TotalMilliseconds });
        var kinds = await page.Locator("li.timeline-entry").EvaluateAllAsync<string[]>("entries => entries.map(e => e.dataset.kind)");
        Assert.Equal(["uploaded", "dead-lettered", "replayed", "thumbnail-created"], kinds);
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "picture-with-replay.png"), FullPage = true });
    }

    // What image-analysis and thumbnail would do, then the event that tells one frontend instance.
    private async Task MakeVisibleAndTellAsync(InstanceFactory instance, string name)
    {
        var original = objects.In("pictures").SingleOrDefault(o => o.Info.Name == name) ?? objects.Put("pictures", name, TestImages.Png, "image/png");
        directory.Add(directory.AddVisible(name, DateTimeOffset.UtcNow, "#1e90ff", "Blue") with { Generation = original.Info.Generation });
        objects.Put("thumbnails", name, original.Content, "image/png");
        using var http = new HttpClient { BaseAddress = instance.Address };
        await DeliverAsync(http, Deliveries.Activity("thumbnail", new ThumbnailCreated("pictures", name, original.Info.Generation, "thumbnails", 1, "image/png"), Guid.NewGuid().ToString("N")));
    }

    private static async Task DeliverAsync(HttpClient http, HttpContent delivery) =>
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync("/events", delivery)).StatusCode);

    private Task<InstanceFactory> StartAsync(string? admin = null)
    {
        var instance = new InstanceFactory(objects, directory, firestore, publisher, admin);
        instances.Add(instance);
        instance.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        instance.StartServer();
        instance.Address = new Uri(instance.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return Task.FromResult(instance);
    }

    /// <summary>One frontend instance over the shared stand-ins; its poller reads the timeline five times a second.</summary>
    private sealed class InstanceFactory(InMemoryPictureObjects objects, InMemoryPictureDirectory directory, InMemoryFirestore firestore, IPubSubPublisher publisher, string? admin)
        : FrontendFactory(objects, directory, firestore)
    {
        public Uri Address { get; set; } = null!;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Live:PollInterval", "200ms");
            if (admin is not null)
            {
                builder.UseSetting("Access:DevelopmentIdentity", admin);
                builder.UseSetting("Access:Admins:0", admin);
            }

            builder.ConfigureTestServices(services => services.AddSingleton(publisher));
        }
    }
}
