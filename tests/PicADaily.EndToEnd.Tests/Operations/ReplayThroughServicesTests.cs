using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using PicADaily.Browser.Tests;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Pictures;
using PicADaily.Contracts.Topology;
using PicADaily.EndToEnd.Tests.Faults;
using PicADaily.EndToEnd.Tests.Invariant;
using PicADaily.Pictures;
using PicADaily.Testing;
using PicADaily.Testing.Faults;
using Xunit.Abstractions;

namespace PicADaily.EndToEnd.Tests.Operations;

/// <summary>
/// The operator's way out of a dead letter, through the real frontend and services: image-analysis
/// fails for a picture until Pub/Sub gives up on it, the cause is fixed, an admin replays it from
/// <c>/operations</c> in chromium (the dead letter's row, its Replay button), and the
/// picture comes out as if nothing had happened, with the replay in its timeline. The browser saves
/// <c>screenshots/apphost-faulted/operations.png</c> and <c>picture-with-replay.png</c>.
/// </summary>
[Collection(OnFaultedSystem.Name)]
public sealed class ReplayThroughServicesTests(FaultedSystem system, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly string Screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots", "apphost-faulted")).FullName;

    [Fact]
    public async Task A_picture_whose_analysis_was_dead_lettered_becomes_visible_once_an_admin_replays_it_and_nothing_is_made_twice()
    {
        const string name = "replay01.jpg";
        var clock = Stopwatch.StartNew();
        var analysis = system.Proxies["image-analysis"];
        var thumbnailMade = system.Proxies["thumbnail"].AnsweredAsync(d => d.Finalizes(name));
        var maxAttempts = MaxDeliveryAttempts("image-analysis-picture-events");
        var answeredForServiceBefore = analysis.Counts[PushFault.AnswerForService]; // the proxies are shared by the collection
        using var browser = new OperatorBrowser(system.Frontend);

        OperatorBrowser.DeadLetterRow deadLetter;
        long generation;
        // The cause: image-analysis unavailable for this picture (answered 503 on its behalf, as a
        // crashed or overloaded instance would be), until it is fixed at the end of this block.
        using (analysis.Plan.UntilFixed(d => d.Finalizes(name), PushFault.AnswerForService))
        {
            await system.DropAsync(name, TestImages.PhotoJpeg(640, 480, seed: 1601));
            generation = (await thumbnailMade.WaitAsync(Patience)).Storage!.Generation;
            await Quiet.UntilAsync(async () => (await browser.TimelineAsync(name)).Any(e => e.Kind == "dead-lettered"), Patience, $"{name} dead-lettered in its timeline");
            deadLetter = await browser.DeadLetterAsync(name, generation);
        }

        output.WriteLine($"dead-lettered after {clock.Elapsed}: {deadLetter.Text}");
        Assert.Equal(maxAttempts, analysis.Counts[PushFault.AnswerForService] - answeredForServiceBefore);
        Assert.DoesNotContain(analysis.Answers, a => a.Delivery.Finalizes(name)); // the service itself never saw it
        Assert.Contains($"after {maxAttempts} attempts", deadLetter.Text, StringComparison.Ordinal);
        Assert.Null(deadLetter.Replayed);
        Assert.False((await browser.DetailsAsync(name)).Visible);
        var thumbnailBefore = await system.Storage.GetAsync("thumbnails", name, null, default);
        Assert.Equal(generation, thumbnailBefore?.SourceGeneration);

        // The admin replays it in chromium: the row of /operations, its Replay button, the notice.
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        await using var context = await chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = system.Frontend.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/operations");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "operations.png"), FullPage = true });
        var analysed = system.Activity.WaitForAsync<PictureAnalyzed>(e => e.Name == name && e.Generation == generation, Patience);
        await page.Locator($"tr.dead-letter[data-id='{deadLetter.Id}'] form.replay-one button").ClickAsync();
        var notice = (await page.Locator("p.notice[role='status']").InnerTextAsync(new() { Timeout = (float)Patience.TotalMilliseconds })).Trim();
        await analysed;
        await Quiet.UntilAsync(async () => (await browser.DetailsAsync(name)).Visible, Patience, $"{name} visible after the replay");
        await system.UntilDeliveredAsync(Patience);
        output.WriteLine($"visible after {clock.Elapsed}: {notice}");
        await page.GotoAsync("/pictures/" + name);
        await page.WaitForSelectorAsync("li.timeline-entry[data-kind='analyzed']", new() { Timeout = (float)Patience.TotalMilliseconds });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "picture-with-replay.png"), FullPage = true });

        Assert.Equal("Replayed 1 message to picture-events.", notice);
        var replayed = await browser.DeadLetterAsync(name, generation);
        Assert.Equal(deadLetter.Id, replayed.Id);
        Assert.Contains(FaultedSystem.DevelopmentAdmin, replayed.Replayed, StringComparison.Ordinal);

        var timeline = (await browser.TimelineAsync(name)).Where(e => e.Generation == generation).Select(e => e.Kind).ToList();
        output.WriteLine("timeline: " + string.Join(", ", timeline));
        Assert.Single(timeline, "dead-lettered");
        Assert.Single(timeline, "replayed");
        Assert.Single(timeline, "analyzed");
        // thumbnail found its work done and announced it again: the same event, so one entry.
        Assert.Single(timeline, "thumbnail-created");
        Assert.True(timeline.IndexOf("dead-lettered") < timeline.IndexOf("replayed") && timeline.IndexOf("replayed") < timeline.IndexOf("analyzed"), "the timeline does not read dead-lettered, replayed, analyzed: " + string.Join(", ", timeline));

        // Only what was missing was made: one document of the live generation, the thumbnail as it was.
        var documents = (await system.Firestore.RunQueryAsync(new GoogleCloud.Firestore.FirestoreQuery(PictureDocument.Collection), default))
            .Where(d => PictureDocumentId.ToObjectName(d.Id) == name).ToList();
        Assert.Single(documents);
        Assert.Equal(generation, (await system.Catalog.GetAsync(name, default))?.Document.Generation);
        var thumbnailAfter = await system.Storage.GetAsync("thumbnails", name, null, default);
        Assert.Equal(generation, thumbnailAfter?.SourceGeneration);
        Assert.Equal(thumbnailBefore!.Generation, thumbnailAfter!.Generation);
        await system.Activity.CatchUpAsync();
        Assert.Single(system.Activity.All<PictureAnalyzed>(), e => e.Data.Name == name);

        var problems = await InvariantChecker.ViolationsAsync(system, system.Firestore);
        Assert.True(problems.Count == 0, InvariantChecker.Describe(problems));
        output.WriteLine($"done after {clock.Elapsed}; faults injected so far: {system.FaultSummary()}");
    }

    private static int MaxDeliveryAttempts(string subscription) =>
        TopologyLoader.Load(LocalCloudTopology.RepositoryTopologyPath).Subscriptions.Single(s => s.Name == subscription).DeadLetterPolicy!.MaxDeliveryAttempts;
}
