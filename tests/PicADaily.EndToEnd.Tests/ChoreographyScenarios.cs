using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Pictures;
using PicADaily.EndToEnd.Tests.Invariant;
using PicADaily.Pictures;
using PicADaily.Testing;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.EndToEnd.Tests;

/// <summary>
/// The mission, end to end through the app host, once per mode: files dropped into the bucket
/// folder are analysed and thumbnailed, the collage follows, deletes clean up, bad and unsafe
/// pictures never show, and the invariant holds once the system is quiet. On Google's emulators
/// the services also get what the subscription filters would have kept away (the emulator ignores
/// them, sends no delivery attempt and dead-letters nothing): the same outcomes prove they ignore it.
/// </summary>
public abstract class ChoreographyScenarios(PicADailySystem system)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_dropped_photo_is_analysed_thumbnailed_put_in_the_collage_and_cleaned_up_when_deleted()
    {
        var photo = TestImages.SolidJpeg(1600, 1200, new Rgba32(220, 40, 40));
        await system.DropAsync("drop-test.jpg", photo);

        var analyzed = await system.Activity.WaitForAsync<PictureAnalyzed>(e => e.Name == "drop-test.jpg", Patience);
        var thumbnailed = await system.Activity.WaitForAsync<ThumbnailCreated>(e => e.Name == "drop-test.jpg", Patience);
        Assert.Equal(analyzed.Data.Generation, thumbnailed.Data.Generation);
        Assert.StartsWith("#", analyzed.Data.Color, StringComparison.Ordinal);
        await Quiet.UntilAsync(async () => (await system.Catalog.GetAsync("drop-test.jpg", default))?.Document.Visible == true, Patience, "the picture becomes visible");
        var thumbnail = await system.Storage.GetAsync("thumbnails", "drop-test.jpg", null, default);
        Assert.Equal(analyzed.Data.Generation, thumbnail!.SourceGeneration);

        await system.TickCollageAsync();
        var collage = await system.Activity.WaitForAsync<CollageCreated>(e => e.Pictures.Any(p => p.Name == "drop-test.jpg"), Patience);
        Assert.NotNull(await system.Storage.GetAsync("thumbnails", ArtifactMetadata.CollageObjectName, collage.Data.CollageGeneration, default));

        File.Delete(Path.Combine(system.PicturesFolder, "drop-test.jpg"));
        var cleaned = await system.Activity.WaitForAsync<PictureCleaned>(e => e.Name == "drop-test.jpg", Patience);
        Assert.True(cleaned.Data.ThumbnailDeleted);
        Assert.True(cleaned.Data.DocumentDeleted);
        Assert.Null(await system.Storage.GetAsync("thumbnails", "drop-test.jpg", null, default));
        Assert.Null(await system.Catalog.GetAsync("drop-test.jpg", default));

        await system.TickCollageAsync();
        await system.Activity.WaitForAsync<CollageCreated>(e => e.Pictures.All(p => p.Name != "drop-test.jpg") && e.CollageGeneration != collage.Data.CollageGeneration, Patience);
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task Overwriting_a_picture_leaves_only_the_new_generations_outputs()
    {
        await system.DropAsync("overwrite.jpg", TestImages.SolidJpeg(900, 600, new Rgba32(20, 200, 20)));
        var first = await system.Activity.WaitForAsync<ThumbnailCreated>(e => e.Name == "overwrite.jpg", Patience);

        await system.DropAsync("overwrite.png", TestImages.SolidPng(10, 10, new Rgba32(0, 0, 0)));
        await system.DropAsync("overwrite.jpg", TestImages.SolidJpeg(600, 900, new Rgba32(20, 20, 200)));
        var second = await system.Activity.WaitForAsync<ThumbnailCreated>(e => e.Name == "overwrite.jpg" && e.Generation > first.Data.Generation, Patience);
        await system.Activity.WaitForAsync<PictureAnalyzed>(e => e.Name == "overwrite.jpg" && e.Generation == second.Data.Generation, Patience);

        await system.UntilDeliveredAsync(Patience);
        await Quiet.UntilAsync(
            async () => (await system.Catalog.GetAsync("overwrite.jpg", default))?.Document is { Visible: true } document && document.Generation == second.Data.Generation,
            Patience,
            "the document describes the second generation and is visible");
        var thumbnail = await system.Storage.GetAsync("thumbnails", "overwrite.jpg", null, default);
        Assert.Equal(second.Data.Generation, thumbnail!.SourceGeneration);
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task A_corrupt_file_is_recorded_as_failed_with_its_reason_and_nothing_else_is_made_or_shown()
    {
        await system.DropAsync("broken.jpg", TestImages.Truncated(TestImages.SolidJpeg(800, 600, new Rgba32(1, 2, 3))));

        var byThumbnail = await system.Activity.WaitForAsync<ProcessingFailed>(e => e.Name == "broken.jpg" && e.Service == "thumbnail", Patience);
        var byAnalysis = await system.Activity.WaitForAsync<ProcessingFailed>(e => e.Name == "broken.jpg" && e.Service == "image-analysis", Patience);
        Assert.Equal("corrupt", byThumbnail.Data.ReasonCode);
        Assert.Equal("corrupt", byAnalysis.Data.ReasonCode);
        Assert.False(string.IsNullOrWhiteSpace(byThumbnail.Data.Reason));

        await system.UntilDeliveredAsync(Patience);
        Assert.Null(await system.Storage.GetAsync("thumbnails", "broken.jpg", null, default));
        // Its document only remembers who gave up (so a redelivery reports nothing twice): never shown.
        // A service remembers after it has announced the failure (a crash in between costs a second report,
        // never a lost one), and the emulators say nothing of deliveries in flight: wait for both to remember.
        await Quiet.UntilAsync(
            async () => (await system.Catalog.GetAsync("broken.jpg", default))?.Document.FailedBy.Count >= 2,
            Patience,
            "both services remembered that they gave up on broken.jpg");
        var recorded = (await system.Catalog.GetAsync("broken.jpg", default))?.Document;
        Assert.NotNull(recorded);
        Assert.False(recorded.Visible);
        Assert.False(recorded.Analyzed);
        Assert.Equal(["image-analysis", "thumbnail"], recorded.FailedBy.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(system.Activity.All<PictureAnalyzed>(), e => e.Data.Name == "broken.jpg");
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task A_picture_vision_finds_unsafe_is_recorded_but_never_shown()
    {
        var picture = TestImages.SolidJpeg(640, 480, new Rgba32(250, 200, 180));
        await system.CannedVisionAsync(picture, new
        {
            labelAnnotations = new[] { new { description = "Person", score = 0.97, topicality = 0.97 } },
            safeSearchAnnotation = new { adult = "VERY_LIKELY", spoof = "UNLIKELY", medical = "VERY_UNLIKELY", violence = "VERY_UNLIKELY", racy = "LIKELY" },
        });

        await system.DropAsync("unsafe.jpg", picture);

        var rejected = await system.Activity.WaitForAsync<PictureRejected>(e => e.Name == "unsafe.jpg", Patience);
        Assert.Contains("adult: VERY_LIKELY", rejected.Data.Reason, StringComparison.Ordinal);
        await system.UntilDeliveredAsync(Patience);
        // A thumbnail made before the verdict is removed after it.
        await Quiet.UntilAsync(async () => await system.Storage.GetAsync("thumbnails", "unsafe.jpg", null, default) is null, Patience, "the unsafe picture has no thumbnail");
        var document = (await system.Catalog.GetAsync("unsafe.jpg", default))!.Document;
        Assert.False(document.Visible);
        Assert.Equal(["Person"], document.Labels);
        Assert.DoesNotContain((await system.Catalog.ListVisibleAsync(100, null, null, default)).Pictures, p => p.Name == "unsafe.jpg");
        await AssertInvariantAsync();
    }

    private async Task AssertInvariantAsync()
    {
        await system.UntilDeliveredAsync(Patience);
        var problems = await InvariantChecker.ViolationsAsync(system, system.Firestore);
        if (system.OnGoogleEmulators && problems.Count > 0)
        {
            // Nothing tells when the emulator has delivered everything: the invariant must come to hold.
            try
            {
                await Quiet.UntilAsync(async () => (problems = await InvariantChecker.ViolationsAsync(system, system.Firestore)).Count == 0, Patience, "the invariant holds");
            }
            catch (TimeoutException)
            {
                // The assertion below names the rules still broken.
            }
        }

        Assert.True(problems.Count == 0, InvariantChecker.Describe(problems));
    }
}

[Collection(OnEmbedded.Name)]
public sealed class ChoreographyOnEmbedded(EmbeddedSystem system) : ChoreographyScenarios(system);

[Collection(OnEmulators.Name)]
public sealed class ChoreographyOnGoogleEmulators(EmulatorsSystem system) : ChoreographyScenarios(system);
