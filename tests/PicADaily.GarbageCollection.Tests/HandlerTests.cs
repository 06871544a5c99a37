using Microsoft.Extensions.Logging.Abstractions;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Payloads;
using PicADaily.ServiceDefaults.Events;
using PicADaily.Testing;

namespace PicADaily.GarbageCollection.Tests;

public sealed class HandlerTests
{
    private readonly PictureWorld world = new();

    [Fact]
    public async Task Deleting_a_picture_removes_its_thumbnail_and_document_and_says_so()
    {
        var generation = await world.VisiblePictureAsync("cat.jpg", DateTimeOffset.UtcNow);
        world.Storage.Remove(PictureWorld.Pictures, "cat.jpg");

        var outcome = await Deleted().HandleAsync(PictureWorld.Deleted("cat.jpg", generation), default);

        Assert.Equal(OutcomeKind.Handled, outcome.Kind);
        Assert.Null(world.ThumbnailSource("cat.jpg"));
        Assert.Null(world.Document("cat.jpg"));
        var cleaned = Assert.Single(world.Publisher.Payloads<PictureCleaned>());
        Assert.True(cleaned.ThumbnailDeleted && cleaned.DocumentDeleted);
    }

    [Fact]
    public async Task A_thumbnail_that_keeps_changing_under_the_clean_up_is_retried_later_not_failed()
    {
        var generation = await world.VisiblePictureAsync("cat.jpg", DateTimeOffset.UtcNow);
        world.Storage.Remove(PictureWorld.Pictures, "cat.jpg");
        world.Storage.BeforeDelete = _ =>
        {
            world.PutThumbnail("cat.jpg", generation);
            return Task.CompletedTask;
        };

        var deleted = await Deleted().HandleAsync(PictureWorld.Deleted("cat.jpg", generation), default);
        var rejected = await Rejected().HandleAsync(RejectedEvent("cat.jpg", generation), default);

        Assert.Equal((OutcomeKind.Retry, OutcomeKind.Retry), (deleted.Kind, rejected.Kind));
        Assert.NotNull(world.Document("cat.jpg"));
        Assert.Empty(world.Publisher.Published);
    }

    [Fact]
    public async Task The_delete_half_of_an_overwrite_leaves_the_new_generation_alone_in_either_order()
    {
        var old = await world.VisiblePictureAsync("cat.jpg", DateTimeOffset.UtcNow);
        var newer = await world.VisiblePictureAsync("cat.jpg", DateTimeOffset.UtcNow);

        await Deleted().HandleAsync(PictureWorld.Deleted("cat.jpg", old, overwrittenBy: newer), default);

        Assert.Equal(newer, world.ThumbnailSource("cat.jpg"));
        Assert.Equal(newer, world.Document("cat.jpg")!.Generation);
    }

    [Fact]
    public async Task A_forged_or_replayed_delete_of_a_live_generation_removes_nothing()
    {
        var generation = await world.VisiblePictureAsync("cat.jpg", DateTimeOffset.UtcNow);

        var outcome = await Deleted().HandleAsync(PictureWorld.Deleted("cat.jpg", generation), default);

        Assert.Equal(OutcomeKind.Ignored, outcome.Kind);
        Assert.Contains("still live", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(generation, world.ThumbnailSource("cat.jpg"));
        Assert.True(world.Document("cat.jpg")!.Visible);
        Assert.Empty(world.Publisher.Payloads<PictureCleaned>());
    }

    [Fact]
    public async Task A_delete_naming_a_generation_newer_than_the_live_one_leaves_the_live_picture_alone()
    {
        var live = await world.VisiblePictureAsync("cat.jpg", DateTimeOffset.UtcNow);

        var outcome = await Deleted().HandleAsync(PictureWorld.Deleted("cat.jpg", live + 1000), default);

        Assert.Equal(OutcomeKind.Ignored, outcome.Kind);
        Assert.Equal(live, world.ThumbnailSource("cat.jpg"));
        Assert.NotNull(world.Document("cat.jpg"));
    }

    [Fact]
    public async Task A_forged_supersede_of_the_live_generation_removes_nothing()
    {
        var generation = await world.VisiblePictureAsync("cat.jpg", DateTimeOffset.UtcNow);

        await Deleted().HandleAsync(PictureWorld.Deleted("cat.jpg", generation, overwrittenBy: generation + 1), default);

        Assert.Equal(generation, world.ThumbnailSource("cat.jpg"));
        Assert.NotNull(world.Document("cat.jpg"));
    }

    [Fact]
    public async Task A_plain_delete_of_an_old_generation_after_an_overwrite_cleans_only_that_generation()
    {
        var old = await world.VisiblePictureAsync("cat.jpg", DateTimeOffset.UtcNow);
        world.Storage.Put(PictureWorld.Pictures, "cat.jpg", TestImages.NotAnImage);

        var outcome = await Deleted().HandleAsync(PictureWorld.Deleted("cat.jpg", old), default);

        Assert.Equal(OutcomeKind.Handled, outcome.Kind);
        Assert.Null(world.ThumbnailSource("cat.jpg"));
        Assert.Null(world.Document("cat.jpg"));
    }

    [Fact]
    public async Task Repeated_deletes_and_deletes_of_missing_pictures_are_acknowledged()
    {
        var generation = await world.VisiblePictureAsync("cat.jpg", DateTimeOffset.UtcNow);
        world.Storage.Remove(PictureWorld.Pictures, "cat.jpg");
        var delete = PictureWorld.Deleted("cat.jpg", generation);

        var first = await Deleted().HandleAsync(delete, default);
        var again = await Deleted().HandleAsync(delete, default);
        var missing = await Deleted().HandleAsync(PictureWorld.Deleted("never-was.jpg", 7), default);

        Assert.Equal((OutcomeKind.Handled, OutcomeKind.Ignored, OutcomeKind.Ignored), (first.Kind, again.Kind, missing.Kind));
        Assert.Single(world.Publisher.Payloads<PictureCleaned>());
    }

    [Fact]
    public async Task A_rejected_picture_loses_its_thumbnail_but_keeps_its_document()
    {
        var generation = await world.VisiblePictureAsync("racy.jpg", DateTimeOffset.UtcNow);

        var outcome = await Rejected().HandleAsync(RejectedEvent("racy.jpg", generation), default);

        Assert.Equal(OutcomeKind.Handled, outcome.Kind);
        Assert.Null(world.ThumbnailSource("racy.jpg"));
        Assert.NotNull(world.Document("racy.jpg"));
    }

    [Fact]
    public async Task A_rejection_of_an_old_generation_never_removes_a_newer_thumbnail()
    {
        var old = await world.VisiblePictureAsync("cat.jpg", DateTimeOffset.UtcNow);
        var newer = await world.VisiblePictureAsync("cat.jpg", DateTimeOffset.UtcNow);

        await Rejected().HandleAsync(RejectedEvent("cat.jpg", old), default);

        Assert.Equal(newer, world.ThumbnailSource("cat.jpg"));
    }

    [Fact]
    public async Task Deletes_in_other_buckets_are_ignored()
    {
        var generation = await world.VisiblePictureAsync("cat.jpg", DateTimeOffset.UtcNow);

        var outcome = await Deleted().HandleAsync(PictureWorld.Deleted("cat.jpg", generation) with { Bucket = "elsewhere" }, default);

        Assert.Equal(OutcomeKind.Ignored, outcome.Kind);
        Assert.Equal(generation, world.ThumbnailSource("cat.jpg"));
    }

    private static ActivityEvent<PictureRejected> RejectedEvent(string name, long generation) => new()
    {
        Id = "r-1",
        Type = EventTypes.PicADaily.PictureRejected,
        Source = new Uri("//picadaily.dev/services/image-analysis", UriKind.RelativeOrAbsolute),
        Delivery = new DeliveryInfo(DeliveryMode.PubSubPush),
        Data = new PictureRejected(PictureWorld.Pictures, name, generation, "adult: LIKELY"),
    };

    private PictureDeletedHandler Deleted() =>
        new(world.PictureStorage, world.Artifacts, world.Catalog, world.Announcer("garbage-collection"), world.Settings("garbage-collection"), NullLogger<PictureDeletedHandler>.Instance);

    private PictureRejectedHandler Rejected() =>
        new(world.Artifacts, world.Announcer("garbage-collection"));
}
