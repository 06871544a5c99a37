using PicADaily.ServiceDefaults.Events;
using PicADaily.Testing;

namespace PicADaily.Pictures.Tests;

public sealed class GenerationGuardedArtifactsTests
{
    private const string Name = "cat.jpg";
    private static readonly byte[] OldBytes = [1, 1, 1];
    private static readonly byte[] NewBytes = [2, 2, 2];

    private readonly PictureWorld world = new();

    [Fact]
    public async Task An_artifact_is_written_with_its_source_generation()
    {
        var written = await world.Artifacts.WriteAsync(Name, 10, NewBytes, "image/png", default);

        Assert.Null(written.Outcome);
        var (metadata, content) = world.Storage.Find(PictureWorld.Thumbnails, Name)!.Value;
        Assert.Equal((metadata.Generation, (long?)10), (written.Value, world.ThumbnailSource(Name)));
        Assert.Equal(NewBytes, content);
    }

    [Fact]
    public async Task An_older_generation_never_overwrites_a_newer_generations_artifact()
    {
        world.PutThumbnail(Name, sourceGeneration: 20);
        var before = world.Storage.Find(PictureWorld.Thumbnails, Name)!.Value;

        var written = await world.Artifacts.WriteAsync(Name, 10, OldBytes, "image/png", default);

        Assert.Equal(OutcomeKind.Ignored, written.Outcome?.Kind);
        Assert.Equal(before.Metadata.Generation, world.Storage.Find(PictureWorld.Thumbnails, Name)!.Value.Metadata.Generation);
        Assert.Equal(20, world.ThumbnailSource(Name));
    }

    [Fact]
    public async Task A_newer_generation_replaces_an_older_generations_artifact()
    {
        world.PutThumbnail(Name, sourceGeneration: 10);

        var written = await world.Artifacts.WriteAsync(Name, 20, NewBytes, "image/png", default);

        Assert.Null(written.Outcome);
        Assert.Equal(20, world.ThumbnailSource(Name));
    }

    [Fact]
    public async Task Of_two_concurrent_writers_the_newer_generation_wins_when_it_writes_second()
    {
        // The older writer reads "nothing there", then the newer one writes before the older one's conditional write lands.
        var interleave = Once(() => world.PutThumbnail(Name, sourceGeneration: 20));
        world.Storage.BeforeUpload = _ => interleave();

        var older = await world.Artifacts.WriteAsync(Name, 10, OldBytes, "image/png", default);

        Assert.Equal(OutcomeKind.Ignored, older.Outcome?.Kind);
        Assert.Equal(20, world.ThumbnailSource(Name));
    }

    [Fact]
    public async Task Of_two_concurrent_writers_the_newer_generation_wins_when_it_writes_first()
    {
        var newer = await world.Artifacts.WriteAsync(Name, 20, NewBytes, "image/png", default);
        var older = await world.Artifacts.WriteAsync(Name, 10, OldBytes, "image/png", default);

        Assert.Null(newer.Outcome);
        Assert.Equal(OutcomeKind.Ignored, older.Outcome?.Kind);
        Assert.Equal(20, world.ThumbnailSource(Name));
        Assert.Equal(NewBytes, world.Storage.Find(PictureWorld.Thumbnails, Name)!.Value.Content);
    }

    [Fact]
    public async Task Many_concurrent_writers_of_different_generations_leave_the_newest()
    {
        var writers = Enumerable.Range(1, 6).Select(g => world.Artifacts.WriteAsync(Name, g, [(byte)g], "image/png", default));

        var steps = await Task.WhenAll(writers);

        Assert.DoesNotContain(steps, s => s.Outcome?.Kind == OutcomeKind.Retry);
        Assert.Equal(6, world.ThumbnailSource(Name));
    }

    [Fact]
    public async Task A_write_whose_artifact_keeps_changing_ends_in_retry()
    {
        world.Storage.BeforeUpload = _ =>
        {
            world.PutThumbnail(Name, sourceGeneration: 5);
            return Task.CompletedTask;
        };

        var written = await world.Artifacts.WriteAsync(Name, 10, NewBytes, "image/png", default);

        Assert.Equal(OutcomeKind.Retry, written.Outcome?.Kind);
    }

    [Fact]
    public async Task A_delete_never_removes_a_newer_generations_artifact()
    {
        world.PutThumbnail(Name, sourceGeneration: 20);

        var deleted = await world.Artifacts.DeleteUpToAsync(Name, 10, default);

        Assert.Equal((null, false), (deleted.Outcome, deleted.Value));
        Assert.Equal(20, world.ThumbnailSource(Name));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(5)]
    public async Task A_delete_removes_the_artifact_of_that_generation_or_an_older_one(long source)
    {
        world.PutThumbnail(Name, source);

        var deleted = await world.Artifacts.DeleteUpToAsync(Name, 10, default);

        Assert.Equal((null, true), (deleted.Outcome, deleted.Value));
        Assert.Null(world.Storage.Find(PictureWorld.Thumbnails, Name));
    }

    [Fact]
    public async Task A_delete_leaves_an_object_that_records_no_source_generation()
    {
        world.Storage.Put(PictureWorld.Thumbnails, Name, OldBytes, "image/png");

        var deleted = await world.Artifacts.DeleteUpToAsync(Name, long.MaxValue, default);

        Assert.False(deleted.Value);
        Assert.NotNull(world.Storage.Find(PictureWorld.Thumbnails, Name));
    }

    [Fact]
    public async Task A_delete_racing_a_newer_write_leaves_the_newer_artifact()
    {
        // The old artifact is read, then replaced by a newer generation's before the conditional delete lands.
        world.PutThumbnail(Name, sourceGeneration: 10);
        var interleave = Once(() => world.PutThumbnail(Name, sourceGeneration: 20));
        world.Storage.BeforeDelete = _ => interleave();

        var deleted = await world.Artifacts.DeleteUpToAsync(Name, 10, default);

        Assert.Equal((null, false), (deleted.Outcome, deleted.Value));
        Assert.Equal(20, world.ThumbnailSource(Name));
    }

    [Fact]
    public async Task A_delete_whose_artifact_keeps_changing_ends_in_retry()
    {
        world.PutThumbnail(Name, sourceGeneration: 5);
        world.Storage.BeforeDelete = _ =>
        {
            world.PutThumbnail(Name, sourceGeneration: 5);
            return Task.CompletedTask;
        };

        var deleted = await world.Artifacts.DeleteUpToAsync(Name, 10, default);

        Assert.Equal(OutcomeKind.Retry, deleted.Outcome?.Kind);
        Assert.Equal(5, world.ThumbnailSource(Name));
    }

    /// <summary>A concurrent change made once, the first time the hook runs: after the caller's read, before its conditional call.</summary>
    private static Func<Task> Once(Action change)
    {
        var done = false;
        return () =>
        {
            if (!done)
            {
                done = true;
                change();
            }

            return Task.CompletedTask;
        };
    }
}
