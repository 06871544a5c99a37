using System.Net;
using Microsoft.Playwright;
using PicADaily.Contracts.Payloads;
using PicADaily.Frontend.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.Browser.Tests;

/// <summary>
/// What a person sees in a real browser. The other services are not running here: where the
/// choreography would act, the test does what it would (write the document and thumbnail, push the
/// event to <c>/events</c>), so the frontend's own reaction is what is under test.
/// </summary>
public sealed class GalleryBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Uploaded_pictures_appear_in_the_gallery_without_a_reload_with_coloured_borders_and_label_links_that_filter()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var gallery = await context.NewPageAsync();
        await gallery.GotoAsync("/");
        await gallery.WaitForSelectorAsync("body[data-live-ready='true']", new() { Timeout = (float)Patience.TotalMilliseconds });
        await gallery.EvaluateAsync("() => { window.notReloaded = true; }");

        var upload = await context.NewPageAsync();
        await upload.GotoAsync("/upload");
        await upload.SetInputFilesAsync("#pictures", new[]
        {
            new FilePayload { Name = "red.png", MimeType = "image/png", Buffer = Picture(new Rgba32(220, 30, 30)) },
            new FilePayload { Name = "blue.png", MimeType = "image/png", Buffer = Picture(new Rgba32(30, 60, 220)) },
        });
        await upload.ClickAsync("button[type=submit]");
        await upload.WaitForSelectorAsync("body[data-uploads-done='2']", new() { Timeout = (float)Patience.TotalMilliseconds });
        var accepted = await upload.Locator("#upload-results li.accepted a").AllTextContentsAsync();
        Assert.Equal(2, accepted.Count);

        await ChoreographyMakesVisibleAsync(accepted[0], "#dc1e1e", "Red", "Warm");
        await ChoreographyMakesVisibleAsync(accepted[1], "#1e3cdc", "Blue");

        foreach (var name in accepted)
        {
            await gallery.WaitForSelectorAsync($"li.picture-card[data-name='{name}']", new() { Timeout = (float)Patience.TotalMilliseconds });
        }

        Assert.True(await gallery.EvaluateAsync<bool>("() => window.notReloaded === true"));
        // This browser uploaded them, so it holds their delete tokens: their Delete buttons show; another browser sees none.
        Assert.True(await gallery.Locator($"li.picture-card[data-name='{accepted[0]}'] form.delete-form button").IsVisibleAsync());
        await using (var stranger = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() }))
        {
            var strangersGallery = await stranger.NewPageAsync();
            await strangersGallery.GotoAsync("/");
            await strangersGallery.WaitForSelectorAsync($"li.picture-card[data-name='{accepted[0]}']");
            Assert.False(await strangersGallery.Locator($"li.picture-card[data-name='{accepted[0]}'] form.delete-form button").IsVisibleAsync());
        }

        var border = await gallery.Locator($"li.picture-card[data-name='{accepted[0]}'] .image-border").EvaluateAsync<string>("e => getComputedStyle(e).borderTopColor");
        Assert.Equal("rgb(220, 30, 30)", border);
        Assert.Equal(15, await gallery.Locator(".image-border").First.EvaluateAsync<int>("e => parseInt(getComputedStyle(e).borderTopWidth)"));
        await gallery.Locator($"li.picture-card[data-name='{accepted[0]}'] img").EvaluateAsync("img => img.decode()");
        await gallery.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "gallery.png"), FullPage = true });

        await gallery.ClickAsync("a.label:text-is('Warm')");
        await gallery.WaitForURLAsync("**/?label=Warm");
        Assert.Equal(1, await gallery.Locator("li.picture-card").CountAsync());
        Assert.Equal(accepted[0], await gallery.Locator("li.picture-card").GetAttributeAsync("data-name"));
    }

    [Fact]
    public async Task A_hostile_file_name_is_shown_as_text_runs_nothing_and_a_text_file_shows_its_rejection()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        const string hostile = "<img src=x onerror=alert(1)>.jpg";

        await page.GotoAsync("/upload");
        await page.SetInputFilesAsync("#pictures", new[]
        {
            new FilePayload { Name = hostile, MimeType = "image/jpeg", Buffer = Picture(new Rgba32(40, 160, 90)) },
            new FilePayload { Name = "notes.jpg", MimeType = "image/jpeg", Buffer = "just some text"u8.ToArray() },
        });
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("body[data-uploads-done='2']", new() { Timeout = (float)Patience.TotalMilliseconds });

        var rows = await page.Locator("#upload-results li").AllInnerTextsAsync();
        Assert.Contains(rows, r => r.StartsWith(hostile + ": accepted as ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("notes.jpg: rejected, not an image", StringComparison.Ordinal));
        Assert.Equal(0, await page.Locator("#upload-results img").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "upload.png"), FullPage = true });

        var name = await page.Locator("#upload-results li.accepted a").TextContentAsync();
        Assert.NotNull(name);
        await ChoreographyMakesVisibleAsync(name, "#28a05a", "<b>Leaf</b>");
        await page.GotoAsync("/pictures/" + name);
        await page.WaitForSelectorAsync("li.timeline-entry[data-kind='thumbnail-created']", new() { Timeout = (float)Patience.TotalMilliseconds });

        Assert.Equal(hostile, await page.Locator("h2.picture-title").TextContentAsync());
        Assert.Equal("<b>Leaf</b>", await page.Locator("a.label").TextContentAsync());
        Assert.Equal("visible in the gallery", await page.Locator("dd.status").TextContentAsync());
        Assert.Equal("rgb(40, 160, 90)", await page.Locator(".picture-full .image-border").EvaluateAsync<string>("e => getComputedStyle(e).borderTopColor"));
        Assert.Equal(1, await page.Locator("img").CountAsync());
        await page.Locator(".picture-full img").EvaluateAsync("img => img.decode()");
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "picture.png"), FullPage = true });
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task The_flow_page_draws_the_choreography_map_locally()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var outside = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(fixture.BaseAddress.ToString(), StringComparison.Ordinal))
            {
                outside.Add(request.Url);
            }
        };

        await page.GotoAsync("/flow");

        Assert.True(await page.Locator("svg.flow").IsVisibleAsync());
        Assert.True(await page.Locator("svg.flow g.node.subscription").CountAsync() >= 8);
        Assert.Empty(outside);
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "flow.png"), FullPage = true });
    }

    [Fact]
    public async Task Pictures_dropped_on_the_upload_page_are_uploaded_and_a_confirmed_delete_shows_the_cleanup_live()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/upload");

        // A drop as the browser delivers it: a DataTransfer holding the files.
        var png = Convert.ToBase64String(Picture(new Rgba32(200, 160, 20)));
        var transfer = await page.EvaluateHandleAsync(
            """
            (base64) => {
              const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], "dropped.png", { type: "image/png" }));
              transfer.items.add(new File([], "empty.png", { type: "image/png" }));
              return transfer;
            }
            """, png);
        await page.DispatchEventAsync("#drop-zone", "drop", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await page.WaitForSelectorAsync("body[data-uploads-done='2']", new() { Timeout = (float)Patience.TotalMilliseconds });
        var rows = await page.Locator("#upload-results li").AllInnerTextsAsync();
        Assert.Contains(rows, r => r.StartsWith("dropped.png: accepted as ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r == "empty.png: rejected, empty file: zero bytes");

        var name = (await page.Locator("#upload-results li.accepted a").TextContentAsync())!;
        await ChoreographyMakesVisibleAsync(name, "#c8a014", "Gold");
        await page.GotoAsync("/pictures/" + name);
        await page.WaitForSelectorAsync("body[data-live-ready='true']", new() { Timeout = (float)Patience.TotalMilliseconds });
        var asked = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            asked.Add(dialog.Message);
            _ = dialog.AcceptAsync();
        };
        await page.ClickAsync("form.delete-form button");
        await page.WaitForURLAsync("**?deleted=true");
        Assert.Single(asked);
        Assert.DoesNotContain(fixture.Frontend.Objects.In("pictures"), o => o.Info.Name == name);
        await page.WaitForSelectorAsync("body[data-live-ready='true']", new() { Timeout = (float)Patience.TotalMilliseconds });

        // What garbage-collection would do and say.
        var generation = (await fixture.Frontend.Directory.GetAsync(name, CancellationToken.None))!.Generation;
        using var http = fixture.Http();
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync("/events", Deliveries.Activity("garbage-collection", new PictureCleaned("pictures", name, generation, true, true), Guid.NewGuid().ToString("N")))).StatusCode);

        await page.WaitForSelectorAsync("li.timeline-entry[data-kind='cleaned']", new() { Timeout = (float)Patience.TotalMilliseconds });
        Assert.Contains("thumbnail deleted, document deleted", await page.Locator("li.timeline-entry[data-kind='cleaned']").InnerTextAsync(), StringComparison.Ordinal);
    }

    // What image-analysis and thumbnail would do, then the event that tells the frontend.
    private async Task ChoreographyMakesVisibleAsync(string name, string color, params string[] labels)
    {
        var original = fixture.Frontend.Objects.In("pictures").Single(o => o.Info.Name == name);
        var document = fixture.Frontend.Directory.AddVisible(name, DateTimeOffset.UtcNow, color, labels);
        fixture.Frontend.Directory.Add(document with { Generation = original.Info.Generation });
        fixture.Frontend.Objects.Put("thumbnails", name, original.Content, "image/png");
        using var http = fixture.Http();
        var response = await http.PostAsync("/events", Deliveries.Activity("thumbnail", new ThumbnailCreated("pictures", name, original.Info.Generation, "thumbnails", 1, "image/png"), Guid.NewGuid().ToString("N")));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static byte[] Picture(Rgba32 color)
    {
        using var image = new Image<Rgba32>(120, 120, color);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}
