using Microsoft.Playwright;
using PicADaily.Browser.Tests;
using PicADaily.Contracts.Payloads;
using PicADaily.Testing;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.EndToEnd.Tests.Browser;

/// <summary>
/// A person using Pic-a-Daily in chromium while the whole system runs (every service started by
/// the app host, on LocalCloud or on Google's emulators): nothing here is a stand-in.
/// </summary>
public abstract class ThroughTheAppHostScenarios(PicADailySystem system)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly PageWaitForSelectorOptions Wait = new() { Timeout = (float)Patience.TotalMilliseconds };

    [Fact]
    public async Task Uploads_appear_live_filter_by_label_reach_the_collage_and_a_delete_is_cleaned_up_in_the_timeline()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = system.Frontend.ToString() });
        // The first pages query a Firestore emulator whose JVM is still warming up: the same patience as every other wait here.
        context.SetDefaultNavigationTimeout((float)Patience.TotalMilliseconds);
        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots", system.OnGoogleEmulators ? "apphost-emulators" : "apphost");
        Directory.CreateDirectory(screenshots);

        var gallery = await context.NewPageAsync();
        await gallery.GotoAsync("/");
        await gallery.WaitForSelectorAsync("body[data-live-ready='true']", Wait);
        await gallery.EvaluateAsync("() => { window.notReloaded = true; }");

        var upload = await context.NewPageAsync();
        var dialogs = new List<string>();
        upload.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await upload.GotoAsync("/upload");
        await upload.SetInputFilesAsync("#pictures", new[]
        {
            new FilePayload { Name = "<img src=x onerror=alert(1)>.jpg", MimeType = "image/jpeg", Buffer = TestImages.SolidPng(640, 480, new Rgba32(220, 30, 30)) },
            new FilePayload { Name = "blue.png", MimeType = "image/png", Buffer = TestImages.SolidPng(480, 640, new Rgba32(30, 60, 220)) },
            new FilePayload { Name = "notes.jpg", MimeType = "image/jpeg", Buffer = "just some text"u8.ToArray() },
        });
        await upload.ClickAsync("button[type=submit]");
        await upload.WaitForSelectorAsync("body[data-uploads-done='3']", Wait);
        var rows = await upload.Locator("#upload-results li").AllInnerTextsAsync();
        Assert.Contains(rows, r => r.StartsWith("<img src=x onerror=alert(1)>.jpg: accepted as ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("notes.jpg: rejected, not an image", StringComparison.Ordinal));
        var accepted = await upload.Locator("#upload-results li.accepted a").AllTextContentsAsync();
        Assert.Equal(2, accepted.Count);
        await upload.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "upload.png"), FullPage = true });

        // The real choreography: analysis and thumbnail make both visible, and the gallery hears of it.
        foreach (var name in accepted)
        {
            await gallery.WaitForSelectorAsync($"li.picture-card[data-name='{name}']", Wait);
        }

        Assert.True(await gallery.EvaluateAsync<bool>("() => window.notReloaded === true"));
        Assert.Equal(15, await gallery.Locator($"li.picture-card[data-name='{accepted[0]}'] .image-border").EvaluateAsync<int>("e => parseInt(getComputedStyle(e).borderTopWidth)"));
        Assert.Equal("rgb(220, 30, 30)", await gallery.Locator($"li.picture-card[data-name='{accepted[0]}'] .image-border").EvaluateAsync<string>("e => getComputedStyle(e).borderTopColor"));
        Assert.Equal("<img src=x onerror=alert(1)>.jpg", await gallery.Locator($"li.picture-card[data-name='{accepted[0]}'] .picture-name").TextContentAsync());
        await gallery.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "gallery.png"), FullPage = true });

        // LocalCloud's honest labels name the dominant colour: "Red" belongs to the first picture only.
        await gallery.ClickAsync($"li.picture-card[data-name='{accepted[0]}'] a.label:text-is('Red')");
        await gallery.WaitForURLAsync("**/?label=Red");
        Assert.Equal([accepted[0]], await gallery.Locator("li.picture-card").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.name)"));

        await system.TickCollageAsync();
        await system.Activity.WaitForAsync<CollageCreated>(c => accepted.All(a => c.Pictures.Any(p => p.Name == a)), Patience);
        // The collage page reloads when it hears of a newer collage: open it once the frontend has recorded this one.
        foreach (var name in accepted)
        {
            await system.UntilRecordedAsync(name, ["in-collage"], Patience);
        }

        var collage = await context.NewPageAsync();
        await collage.GotoAsync("/collage");
        await collage.Locator("img#collage").EvaluateAsync("img => img.decode()");
        await collage.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "collage.png") });

        var picture = await context.NewPageAsync();
        picture.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await picture.GotoAsync("/pictures/" + accepted[1]);
        await picture.WaitForSelectorAsync("li.timeline-entry[data-kind='thumbnail-created']", Wait);
        await picture.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "picture.png"), FullPage = true });
        await picture.ClickAsync("form.delete-form button");
        await picture.WaitForURLAsync("**?deleted=true");
        await picture.WaitForSelectorAsync("li.timeline-entry[data-kind='cleaned']", Wait);

        await gallery.GotoAsync("/");
        await gallery.WaitForSelectorAsync($"li.picture-card[data-name='{accepted[0]}']", Wait);
        Assert.Equal(0, await gallery.Locator($"li.picture-card[data-name='{accepted[1]}']").CountAsync());
        Assert.Empty(dialogs);
    }
}

[Collection(OnEmbedded.Name)]
public sealed class ThroughTheAppHostOnEmbedded(EmbeddedSystem system) : ThroughTheAppHostScenarios(system);

[Collection(OnEmulators.Name)]
public sealed class ThroughTheAppHostOnGoogleEmulators(EmulatorsSystem system) : ThroughTheAppHostScenarios(system);
