using System.Globalization;
using Microsoft.Playwright;
using PicADaily.Browser.Tests;
using PicADaily.Contracts.Payloads;
using PicADaily.EndToEnd.Tests.Faults;
using PicADaily.Testing;
using Xunit.Abstractions;

namespace PicADaily.EndToEnd.Tests.Browser;

/// <summary>
/// Live updates in chromium with two frontend instances over the whole running system: the app
/// host's frontend, which every push reaches, and a second instance of the same program started
/// beside it with the same configuration, which no push reaches (as a load balancer sends each push
/// to one instance). Everything else is real: uploads, LocalCloud, image-analysis, thumbnail, collage.
/// A browser on the second instance hears of the services' work only through its timeline poller.
/// </summary>
[Collection(OnFaultedSystem.Name)]
public sealed class LiveAcrossFrontendInstancesTests(FaultedSystem system, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly float PatienceMs = (float)Patience.TotalMilliseconds;
    private ExtraInstance second = null!;
    private ChromiumSession? chromium;

    public async Task InitializeAsync()
    {
        second = await system.Processes.StartAnotherInstanceAsync("frontend");
        chromium = await ChromiumSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (chromium is not null)
        {
            await chromium.DisposeAsync();
        }

        await second.DisposeAsync();
    }

    [Fact]
    public async Task An_upload_through_the_instance_no_push_reaches_updates_a_browser_on_each_instance()
    {
        await using var onFirst = await ContextOnAsync(system.Frontend);
        await using var onSecond = await ContextOnAsync(second.Address);
        var galleries = new[] { await LiveEventLog.OpenAsync(onFirst, "/", PatienceMs), await LiveEventLog.OpenAsync(onSecond, "/", PatienceMs) };
        foreach (var gallery in galleries)
        {
            await gallery.EvaluateAsync("() => { window.notReloaded = true; }");
        }

        var name = await UploadAsync(onSecond, "lighthouse.jpg", TestImages.PhotoJpeg(640, 480, seed: 1611));

        foreach (var gallery in galleries)
        {
            await gallery.WaitForSelectorAsync($"li.picture-card[data-name='{name}']", new() { Timeout = PatienceMs });
            Assert.True(await gallery.EvaluateAsync<bool>("() => window.notReloaded === true"), "The gallery updated without a reload.");
        }

        // The second instance recorded none of it: all it told its browser, it read back from the
        // timeline, so every update carries the entry's cursor as its SSE id.
        var heardOnSecond = (await LiveEventLog.ReadAsync(galleries[1])).Where(e => e.Type == "picture" && e.Update().Picture == name).ToList();
        output.WriteLine("heard on the second instance: " + string.Join(", ", heardOnSecond.Select(e => $"{e.Update().Kind} ({e.Id})")));
        Assert.Contains(heardOnSecond, e => e.Update().Kind == "analyzed");
        Assert.Contains(heardOnSecond, e => e.Update().Kind == "thumbnail-created");
        Assert.All(heardOnSecond, e => Assert.NotNull(Cursor(e)));
    }

    [Fact]
    public async Task A_browser_offline_while_the_services_work_hears_every_entry_once_in_order_when_it_reconnects()
    {
        const string name = "offline01.jpg";
        const string later = "offline02.jpg";
        await using var link = new UnpluggableLink(second.Address);
        await using var context = await ContextOnAsync(link.Address);
        // The development identity is an admin in this system, so the gallery hears every picture's
        // entries by name, from its upload on, not only those of pictures already visible.
        var gallery = await LiveEventLog.OpenAsync(context, "/", PatienceMs);
        await gallery.EvaluateAsync("() => { window.notReloaded = true; }");

        link.Unplug();
        await LiveEventLog.WaitForDropAsync(gallery, PatienceMs);
        var heardBefore = (await LiveEventLog.ReadAsync(gallery)).Count;
        var analysed = system.Activity.WaitForAsync<PictureAnalyzed>(e => e.Name == name, Patience);
        var thumbnailed = system.Activity.WaitForAsync<ThumbnailCreated>(e => e.Name == name, Patience);
        await system.DropAsync(name, TestImages.PhotoJpeg(640, 480, seed: 1621));
        await analysed;
        await thumbnailed;
        var collaged = system.Activity.WaitForAsync<CollageCreated>(c => c.Pictures.Any(p => p.Name == name), Patience);
        await system.TickCollageAsync();
        await collaged;
        string[] missed = ["analyzed", "in-collage", "thumbnail-created", "uploaded"];
        await system.UntilRecordedAsync(name, missed, Patience);

        link.PlugIn();
        await LiveEventLog.WaitForUpdateAsync(gallery, name, "in-collage", PatienceMs);
        // News after the reconnect: whatever the stream would repeat of the missed entries comes before it.
        await system.DropAsync(later, TestImages.PhotoJpeg(640, 480, seed: 1622));
        await LiveEventLog.WaitForUpdateAsync(gallery, later, "analyzed", PatienceMs);

        var heard = (await LiveEventLog.ReadAsync(gallery)).Skip(heardBefore).ToList();
        Assert.DoesNotContain(heard, e => e.Type == "reload");
        var news = heard.Where(e => e.Type == "picture" && e.Update().Picture == name).ToList();
        output.WriteLine("heard after the reconnect: " + string.Join(", ", news.Select(e => $"{e.Update().Kind} ({e.Id})")));
        Assert.Equal(missed, news.Select(e => e.Update().Kind).Order(StringComparer.Ordinal));
        var cursors = news.Select(e => Cursor(e) ?? throw new InvalidOperationException($"\"{e.Id}\" is no cursor")).ToList();
        Assert.Equal(cursors.OrderBy(c => c.Micros).ThenBy(c => c.Entry, StringComparer.Ordinal), cursors);
        Assert.Equal("uploaded", news[0].Update().Kind);
        await gallery.WaitForSelectorAsync($"li.picture-card[data-name='{name}']", new() { Timeout = PatienceMs });
        Assert.True(await gallery.EvaluateAsync<bool>("() => window.notReloaded === true"), "The gallery caught up without a reload.");
    }

    private Task<IBrowserContext> ContextOnAsync(Uri instance) =>
        chromium!.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = instance.ToString() });

    private static async Task<string> UploadAsync(IBrowserContext context, string fileName, byte[] picture)
    {
        var upload = await context.NewPageAsync();
        await upload.GotoAsync("/upload");
        await upload.SetInputFilesAsync("#pictures", new FilePayload { Name = fileName, MimeType = "image/jpeg", Buffer = picture });
        await upload.ClickAsync("button[type=submit]");
        await upload.WaitForSelectorAsync("body[data-uploads-done='1']", new() { Timeout = PatienceMs });
        var name = await upload.Locator("#upload-results li.accepted a").TextContentAsync();
        Assert.False(string.IsNullOrEmpty(name), "The upload was accepted.");
        await upload.CloseAsync();
        return name;
    }

    /// <summary>The timeline cursor an update carries as its SSE id (<c>{microseconds}-{entry id}</c>), in the order it sorts.</summary>
    private static (long Micros, string Entry)? Cursor(HeardEvent heard)
    {
        var dash = heard.Id.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && long.TryParse(heard.Id.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var micros)
            ? (micros, heard.Id[(dash + 1)..])
            : null;
    }
}
