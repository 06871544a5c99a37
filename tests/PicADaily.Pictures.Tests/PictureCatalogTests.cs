using PicADaily.Contracts.Pictures;
using PicADaily.GoogleCloud.Firestore;
using PicADaily.ServiceDefaults.Events;
using PicADaily.Testing;

namespace PicADaily.Pictures.Tests;

public sealed class PictureCatalogTests
{
    private static readonly DateTimeOffset Created = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly PictureWorld world = new();

    [Fact]
    public async Task A_record_of_an_older_generation_is_stale_and_leaves_the_newer_document()
    {
        await world.Catalog.RecordThumbnailAsync("cat.jpg", 20, Created, default);

        var stale = await world.Catalog.RecordAnalysisAsync("cat.jpg", 10, Created, new PictureAnalysis(["Cat"], "#000000", Safe: true, null), default);

        Assert.Equal((null, CatalogWrite.Stale), (stale.Outcome, stale.Value));
        Assert.Equal((20L, false), (world.Document("cat.jpg")!.Generation, world.Document("cat.jpg")!.Analyzed));
    }

    [Fact]
    public async Task Concurrent_writers_of_one_generation_each_keep_their_own_facts()
    {
        var interleaved = false;
        world.Firestore.BeforeWrite = async _ =>
        {
            if (!interleaved)
            {
                interleaved = true;
                await world.Catalog.RecordThumbnailAsync("cat.jpg", 10, Created, default);
            }
        };

        var analysed = await world.Catalog.RecordAnalysisAsync("cat.jpg", 10, Created, new PictureAnalysis(["Cat"], "#000000", Safe: true, null), default);

        Assert.Equal(CatalogWrite.Written, analysed.Value);
        Assert.True(world.Document("cat.jpg")!.Visible);
    }

    [Fact]
    public async Task A_write_whose_document_keeps_changing_ends_in_retry()
    {
        await world.Catalog.RecordThumbnailAsync("cat.jpg", 10, Created, default);
        KeepChanging("cat.jpg");

        var recorded = await world.Catalog.RecordAnalysisAsync("cat.jpg", 10, Created, new PictureAnalysis(["Cat"], "#000000", Safe: true, null), default);

        Assert.Equal(OutcomeKind.Retry, recorded.Outcome?.Kind);
    }

    [Fact]
    public async Task A_removal_whose_document_keeps_changing_ends_in_retry()
    {
        await world.Catalog.RecordThumbnailAsync("cat.jpg", 10, Created, default);
        KeepChanging("cat.jpg");

        var removed = await world.Catalog.RemoveAsync("cat.jpg", 10, default);

        Assert.Equal(OutcomeKind.Retry, removed.Outcome?.Kind);
        Assert.NotNull(world.Document("cat.jpg"));
    }

    [Fact]
    public async Task A_removal_never_deletes_a_newer_generations_document()
    {
        await world.Catalog.RecordThumbnailAsync("cat.jpg", 20, Created, default);

        var removed = await world.Catalog.RemoveAsync("cat.jpg", 10, default);

        Assert.Equal((null, false), (removed.Outcome, removed.Value));
        Assert.Equal(20, world.Document("cat.jpg")!.Generation);
    }

    // Every guarded write finds the document touched since it was read (its update time moved on).
    private void KeepChanging(string name)
    {
        var id = PictureDocumentId.FromObjectName(name);
        var touching = false;
        world.Firestore.BeforeWrite = async _ =>
        {
            if (touching)
            {
                return;
            }

            touching = true;
            var current = await world.Firestore.GetDocumentAsync(PictureDocument.Collection, id, default);
            await world.Firestore.PatchDocumentAsync(PictureDocument.Collection, id, current!.Fields, updateMask: null, precondition: null, default);
            touching = false;
        };
    }
}
