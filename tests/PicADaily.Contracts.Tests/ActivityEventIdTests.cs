using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Publishing;

namespace PicADaily.Contracts.Tests;

public sealed class ActivityEventIdTests
{
    private static readonly ThumbnailCreated Made = new("pictures", "beach.jpg", 17, "thumbnails", 23, "image/jpeg");

    [Fact]
    public void The_same_fact_announced_again_is_the_same_event()
    {
        var first = ActivityEventFactory.Create("thumbnail", Made);
        var again = ActivityEventFactory.Create("thumbnail", Made with { });

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.Source, again.Source);
    }

    [Fact]
    public void Another_fact_or_another_service_is_another_event()
    {
        var made = ActivityEventFactory.Create("thumbnail", Made).Id;

        Assert.NotEqual(made, ActivityEventFactory.Create("thumbnail", Made with { Generation = 18 }).Id);
        Assert.NotEqual(made, ActivityEventFactory.Create("thumbnail", Made with { ThumbnailGeneration = 24 }).Id);
        Assert.NotEqual(made, ActivityEventFactory.Create("collage", Made).Id);
        Assert.NotEqual(
            ActivityEventFactory.Create("image-analysis", new PictureAnalyzed("pictures", "beach.jpg", 17, ["Sea"], "#1e90ff")).Id,
            ActivityEventFactory.Create("image-analysis", new PictureAnalyzed("pictures", "beach.jpg", 17, ["Sky"], "#1e90ff")).Id);
    }
}
