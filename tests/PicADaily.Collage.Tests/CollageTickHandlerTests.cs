using PicADaily.Collage.Rendering;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Pictures;
using PicADaily.Imaging;
using PicADaily.ServiceDefaults.Events;
using PicADaily.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.Collage.Tests;

public sealed class CollageTickHandlerTests
{
    private static readonly DateTimeOffset Noon = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly PictureWorld world = new();

    [Fact]
    public async Task The_four_newest_visible_pictures_make_an_800x800_png_newest_top_left()
    {
        await world.VisiblePictureAsync("oldest.jpg", Noon, new Rgba32(0, 0, 0));
        await world.VisiblePictureAsync("d.jpg", Noon.AddMinutes(1), new Rgba32(255, 255, 0));
        await world.VisiblePictureAsync("c.jpg", Noon.AddMinutes(2), new Rgba32(0, 0, 255));
        await world.VisiblePictureAsync("b.jpg", Noon.AddMinutes(3), new Rgba32(0, 255, 0));
        await world.VisiblePictureAsync("a.jpg", Noon.AddMinutes(4), new Rgba32(255, 0, 0));

        var outcome = await Handler().HandleAsync(Tick(), default);

        Assert.Equal(OutcomeKind.Handled, outcome.Kind);
        var (metadata, content) = world.Storage.Find(PictureWorld.Thumbnails, ArtifactMetadata.CollageObjectName)!.Value;
        Assert.Equal("image/png", metadata.ContentType);
        using var collage = Image.Load<Rgba32>(content);
        Assert.Equal((800, 800), (collage.Width, collage.Height));
        Assert.Equal(new Rgba32(255, 0, 0), collage[200, 200]);
        Assert.Equal(new Rgba32(0, 255, 0), collage[600, 200]);
        Assert.Equal(new Rgba32(0, 0, 255), collage[200, 600]);
        Assert.Equal(new Rgba32(255, 255, 0), collage[600, 600]);
        var created = Assert.Single(world.Publisher.Payloads<CollageCreated>());
        Assert.Equal(["a.jpg", "b.jpg", "c.jpg", "d.jpg"], created.Pictures.Select(p => p.Name));
    }

    [Fact]
    public async Task An_unchanged_set_of_pictures_is_not_downloaded_or_rendered_again()
    {
        await world.VisiblePictureAsync("a.jpg", Noon);
        await Handler().HandleAsync(Tick(), default);
        var first = world.Storage.Find(PictureWorld.Thumbnails, ArtifactMetadata.CollageObjectName)!.Value.Metadata.Generation;
        var downloads = world.Storage.Downloads;

        var outcome = await Handler().HandleAsync(Tick(), default);

        Assert.Equal(OutcomeKind.Ignored, outcome.Kind);
        Assert.Equal(downloads, world.Storage.Downloads);
        Assert.Equal(first, world.Storage.Find(PictureWorld.Thumbnails, ArtifactMetadata.CollageObjectName)!.Value.Metadata.Generation);
    }

    [Fact]
    public async Task A_deleted_picture_is_gone_from_the_collage_after_the_next_tick_and_no_pictures_remove_it()
    {
        await world.VisiblePictureAsync("a.jpg", Noon);
        await world.VisiblePictureAsync("b.jpg", Noon.AddMinutes(1));
        await Handler().HandleAsync(Tick(), default);

        await world.Catalog.RemoveAsync("b.jpg", long.MaxValue, default);
        await Handler().HandleAsync(Tick(), default);
        Assert.Equal(["a.jpg"], world.Publisher.Payloads<CollageCreated>().Last().Pictures.Select(p => p.Name));

        await world.Catalog.RemoveAsync("a.jpg", long.MaxValue, default);
        await Handler().HandleAsync(Tick(), default);
        Assert.Null(world.Storage.Find(PictureWorld.Thumbnails, ArtifactMetadata.CollageObjectName));
        Assert.Empty(world.Publisher.Payloads<CollageCreated>().Last().Pictures);
    }

    [Fact]
    public async Task Two_runs_at_once_leave_one_consistent_collage()
    {
        await world.VisiblePictureAsync("a.jpg", Noon);
        await world.VisiblePictureAsync("b.jpg", Noon.AddMinutes(1));

        var outcomes = await Task.WhenAll(Handler().HandleAsync(Tick(), default), Handler().HandleAsync(Tick(), default));

        Assert.All(outcomes, o => Assert.NotEqual(OutcomeKind.Retry, o.Kind));
        var (metadata, _) = world.Storage.Find(PictureWorld.Thumbnails, ArtifactMetadata.CollageObjectName)!.Value;
        Assert.Equal(["b.jpg", "a.jpg"], world.Publisher.Payloads<CollageCreated>().Last().Pictures.Select(p => p.Name));
        Assert.True(metadata.Metadata.ContainsKey(ArtifactMetadata.CollagePictures));
    }

    private static PubSubMessageEvent Tick() => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Type = EventTypes.PubSubMessagePublished,
        Delivery = new DeliveryInfo(DeliveryMode.PubSubPush),
        Data = "refresh"u8.ToArray(),
        Attributes = new Dictionary<string, string>(),
    };

    private CollageTickHandler Handler() =>
        new(world.Catalog, world.PictureStorage, new CollageRenderer(new SafeImageLoader(ImageLimits.Default)), world.Announcer("collage"), world.Settings("collage"));
}
