using Microsoft.Extensions.Time.Testing;
using PicADaily.Contracts.Payloads;
using PicADaily.Imaging;
using PicADaily.Imaging.Tests;
using PicADaily.Pictures;
using PicADaily.ServiceDefaults.Events;
using PicADaily.Testing;
using PicADaily.Thumbnail.Rendering;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.Thumbnail.Tests;

public sealed class PictureUploadedHandlerTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(30);
    private static readonly byte[] Photo = TestImages.SolidJpeg(1200, 800, new Rgba32(200, 30, 30));
    private readonly PictureWorld world = new();

    [Fact]
    public async Task A_new_picture_gets_a_400x400_thumbnail_of_its_generation_and_the_document_is_marked()
    {
        var uploaded = world.Upload("holidays/beach.jpg", Photo);

        var outcome = await Handler().HandleAsync(uploaded, default);

        Assert.Equal(OutcomeKind.Handled, outcome.Kind);
        var (metadata, content) = world.Storage.Find(PictureWorld.Thumbnails, "holidays/beach.jpg")!.Value;
        using var thumbnail = Image.Load(content);
        Assert.Equal((400, 400), (thumbnail.Width, thumbnail.Height));
        Assert.Equal("image/jpeg", metadata.ContentType);
        Assert.Equal(uploaded.Generation, BucketObject.SourceGenerationIn(metadata.Metadata));
        Assert.True(world.Document("holidays/beach.jpg")!.Thumbnail);
        var created = Assert.Single(world.Publisher.Payloads<ThumbnailCreated>());
        Assert.Equal((uploaded.Name, uploaded.Generation, metadata.Generation!.Value), (created.Name, created.Generation, created.ThumbnailGeneration));
        Assert.Equal(world.Originals.Bytes, world.Originals.Available); // the original's bytes went back to the budget
    }

    [Fact]
    public async Task The_same_event_delivered_twice_leaves_one_thumbnail_and_one_document()
    {
        var uploaded = world.Upload("cat.jpg", Photo);

        await Task.WhenAll(Handler().HandleAsync(uploaded, default), Handler().HandleAsync(uploaded, default));

        Assert.Equal(["cat.jpg"], world.Storage.Names(PictureWorld.Thumbnails));
        Assert.Equal(uploaded.Generation, world.ThumbnailSource("cat.jpg"));
        Assert.Single(world.Firestore.All("pictures"));
    }

    [Fact]
    public async Task A_generation_whose_thumbnail_is_made_and_recorded_is_announced_again_without_being_made_again()
    {
        var uploaded = world.Upload("cat.jpg", Photo);
        await Handler().HandleAsync(uploaded, default);
        var made = world.Storage.Find(PictureWorld.Thumbnails, "cat.jpg")!.Value.Metadata.Generation;
        world.Storage.BeforeUpload = _ => throw new InvalidOperationException("the thumbnail was written again");

        // What a replay of the finalize (or a late redelivery) brings.
        var outcome = await Handler().HandleAsync(uploaded, default);

        Assert.Equal(OutcomeKind.Ignored, outcome.Kind);
        Assert.Equal(made, world.Storage.Find(PictureWorld.Thumbnails, "cat.jpg")!.Value.Metadata.Generation);
        var announced = world.Publisher.Payloads<ThumbnailCreated>().ToList();
        Assert.Equal(2, announced.Count);
        Assert.Equal(announced[0], announced[1]);
    }

    [Fact]
    public async Task An_event_for_a_generation_that_is_no_longer_live_is_ignored()
    {
        var old = world.Upload("cat.jpg", Photo);
        world.Upload("cat.jpg", Photo);

        var outcome = await Handler().HandleAsync(old, default);

        Assert.Equal(OutcomeKind.Ignored, outcome.Kind);
        Assert.Empty(world.Storage.Names(PictureWorld.Thumbnails));
    }

    [Fact]
    public async Task An_older_generation_never_overwrites_the_thumbnail_of_a_newer_one()
    {
        var old = world.Upload("cat.jpg", Photo);
        var newer = world.Upload("cat.jpg", Photo);
        await Handler().HandleAsync(newer, default);
        // The old generation's event arrives last, and its object is still readable to this handler.
        world.Storage.Put(PictureWorld.Pictures, "cat.jpg", Photo);
        var replay = PictureWorld.Finalized("cat.jpg", world.Storage.Find(PictureWorld.Pictures, "cat.jpg")!.Value.Metadata.Generation!.Value);
        world.Storage.Put(PictureWorld.Thumbnails, "cat.jpg", Photo, metadata: new Dictionary<string, string> { ["sourceGeneration"] = (replay.Generation + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var outcome = await Handler().HandleAsync(replay, default);

        Assert.Equal(OutcomeKind.Ignored, outcome.Kind);
        Assert.Equal(replay.Generation + 1, world.ThumbnailSource("cat.jpg"));
        Assert.True(old.Generation < newer.Generation);
    }

    [Theory]
    [InlineData("not-a-picture", "unsupported-format")]
    [InlineData("zero-bytes", "empty")]
    [InlineData("truncated", "corrupt")]
    [InlineData("pixel-flood", "too-many-pixels")]
    public async Task A_poison_picture_fails_permanently_with_its_reason_and_leaves_nothing(string kind, string reasonCode)
    {
        var content = kind switch
        {
            "not-a-picture" => TestImages.NotAnImage,
            "zero-bytes" => [],
            "truncated" => TestImages.Truncated(Photo),
            _ => TestImages.PixelFloodPng(),
        };
        var uploaded = world.Upload("poison.jpg", content);

        var outcome = await Handler().HandleAsync(uploaded, default);

        Assert.Equal(OutcomeKind.FailedPermanently, outcome.Kind);
        Assert.Equal(reasonCode, outcome.ReasonCode);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Reason));
        Assert.Empty(world.Storage.Names(PictureWorld.Thumbnails));
        Assert.Empty(world.Firestore.All("pictures"));
        Assert.Equal(world.Originals.Bytes, world.Originals.Available); // its bytes went back to the budget
    }

    [Fact]
    public async Task A_picture_deleted_while_its_thumbnail_is_made_leaves_no_thumbnail_and_no_document()
    {
        var uploaded = world.Upload("cat.jpg", Photo);
        world.Storage.BeforeUpload = _ =>
        {
            world.Storage.Remove(PictureWorld.Pictures, "cat.jpg");
            return Task.CompletedTask;
        };

        var outcome = await Handler().HandleAsync(uploaded, default);

        Assert.Equal(OutcomeKind.Ignored, outcome.Kind);
        Assert.Empty(world.Storage.Names(PictureWorld.Thumbnails));
        Assert.Empty(world.Firestore.All("pictures"));
        Assert.Empty(world.Publisher.Published);
    }

    [Fact]
    public async Task A_thumbnail_that_keeps_changing_under_the_handler_is_retried_later_not_failed()
    {
        var uploaded = world.Upload("cat.jpg", Photo);
        world.Storage.BeforeUpload = _ =>
        {
            world.PutThumbnail("cat.jpg", uploaded.Generation - 1);
            return Task.CompletedTask;
        };

        var outcome = await Handler().HandleAsync(uploaded, default);

        Assert.Equal(OutcomeKind.Retry, outcome.Kind);
        Assert.Empty(world.Publisher.Published);
    }

    [Fact]
    public async Task A_picture_already_found_unsafe_keeps_its_document_but_gets_no_thumbnail()
    {
        var uploaded = world.Upload("racy.jpg", Photo);
        await world.Catalog.RecordAnalysisAsync("racy.jpg", uploaded.Generation, DateTimeOffset.UtcNow, new PictureAnalysis(["Person"], "#ffffff", Safe: false, "racy: LIKELY"), default);

        var outcome = await Handler().HandleAsync(uploaded, default);

        Assert.Equal(OutcomeKind.Ignored, outcome.Kind);
        Assert.Empty(world.Storage.Names(PictureWorld.Thumbnails));
        Assert.False(world.Document("racy.jpg")!.Visible);
    }

    [Fact]
    public async Task Events_that_are_not_new_pictures_of_the_pictures_bucket_are_ignored()
    {
        var uploaded = world.Upload("cat.jpg", Photo);

        var deleted = await Handler().HandleAsync(PictureWorld.Deleted("cat.jpg", uploaded.Generation), default);
        var foreign = await Handler().HandleAsync(uploaded with { Bucket = "elsewhere" }, default);

        Assert.Equal((OutcomeKind.Ignored, OutcomeKind.Ignored), (deleted.Kind, foreign.Kind));
        Assert.Empty(world.Storage.Names(PictureWorld.Thumbnails));
    }

    [Fact]
    public async Task A_picture_over_the_byte_limit_fails_permanently_as_too_large()
    {
        var uploaded = world.Upload("huge.jpg", Photo);

        var outcome = await Handler(ImageLimits.Default with { MaxBytes = Photo.Length - 1 }).HandleAsync(uploaded, default);

        Assert.Equal((OutcomeKind.FailedPermanently, "too-large"), (outcome.Kind, outcome.ReasonCode));
        Assert.Contains($"the limit is {Photo.Length - 1}", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(world.Storage.Names(PictureWorld.Thumbnails));
    }

    [Fact]
    public async Task A_picture_the_busy_machine_could_not_decode_in_time_is_retried_not_failed()
    {
        var time = new FakeTimeProvider();
        var cpu = new FakeThreadCpuClock(time);
        cpu.Hold.Reset(); // the decode never gets a core
        var uploaded = world.Upload("cat.jpg", Photo);
        var loader = new SafeImageLoader(ImageLimits.Default, new DecodeSlots(1), new AbandonedDecodes(time), cpu, time);
        try
        {
            var handling = Handler(loader).HandleAsync(uploaded, default);
            await cpu.Started.WaitAsync(Bounded);

            time.Advance(ImageLimits.Default.DecodeWallTimeout + TimeSpan.FromSeconds(1));
            var outcome = await handling.WaitAsync(Bounded);

            Assert.Equal(OutcomeKind.Retry, outcome.Kind);
            Assert.StartsWith("busy: ", outcome.Reason, StringComparison.Ordinal);
            Assert.Empty(world.Storage.Names(PictureWorld.Thumbnails));
        }
        finally
        {
            cpu.Hold.Set();
        }
    }

    [Fact]
    public async Task A_picture_that_needs_more_cpu_than_allowed_fails_permanently_as_a_timeout()
    {
        var uploaded = world.Upload("huge.jpg", TestImages.SolidJpeg(4000, 3000, new Rgba32(200, 30, 30)));
        var limits = ImageLimits.Default with { DecodeTimeout = TimeSpan.FromMilliseconds(1), DecodeWallTimeout = TimeSpan.FromMinutes(5) };

        var outcome = await Handler(limits).HandleAsync(uploaded, default);

        Assert.Equal((OutcomeKind.FailedPermanently, "timeout"), (outcome.Kind, outcome.ReasonCode));
        Assert.Contains("of CPU", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(world.Storage.Names(PictureWorld.Thumbnails));
    }

    private PictureUploadedHandler Handler(ImageLimits? limits = null) => Handler(new SafeImageLoader(limits ?? ImageLimits.Default));

    private PictureUploadedHandler Handler(SafeImageLoader loader) =>
        new(world.Intake, world.Artifacts, world.PictureStorage, world.Catalog, new ThumbnailRenderer(loader), loader, world.Announcer("thumbnail"), world.Settings("thumbnail"));
}
