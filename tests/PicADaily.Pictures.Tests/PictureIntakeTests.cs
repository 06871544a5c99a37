using PicADaily.ServiceDefaults.Events;
using PicADaily.Testing;

namespace PicADaily.Pictures.Tests;

public sealed class PictureIntakeTests
{
    private static readonly byte[] Content = TestImages.SolidJpeg(8, 8, new(10, 20, 30));
    private readonly PictureWorld world = new();

    [Fact]
    public async Task The_named_generation_is_read_with_its_facts()
    {
        var uploaded = world.Upload("cat.jpg", Content);

        var fetched = await world.Intake.FetchAsync(uploaded, maxBytes: Content.Length, default);

        Assert.Null(fetched.Outcome);
        Assert.Equal((uploaded.Generation, (long)Content.Length), (fetched.Value.Metadata.Generation, fetched.Value.Metadata.Size));
        Assert.Equal(Content, fetched.Value.Content);
    }

    [Fact]
    public async Task A_generation_that_is_gone_is_ignored()
    {
        var old = world.Upload("cat.jpg", Content);
        world.Upload("cat.jpg", Content);

        var fetched = await world.Intake.FetchAsync(old, maxBytes: Content.Length, default);

        Assert.Equal(OutcomeKind.Ignored, fetched.Outcome?.Kind);
    }

    [Fact]
    public async Task A_picture_over_the_limit_fails_permanently_as_too_large()
    {
        var uploaded = world.Upload("cat.jpg", Content);

        var fetched = await world.Intake.FetchAsync(uploaded, maxBytes: Content.Length - 1, default);

        Assert.Equal((OutcomeKind.FailedPermanently, "too-large"), (fetched.Outcome?.Kind, fetched.Outcome?.ReasonCode));
    }

    [Fact]
    public void Only_a_finalized_object_of_the_pictures_bucket_is_a_new_picture()
    {
        var uploaded = world.Upload("cat.jpg", Content);

        Assert.Null(world.Intake.IgnoreUnlessNewPicture(uploaded));
        Assert.Equal(OutcomeKind.Ignored, world.Intake.IgnoreUnlessNewPicture(PictureWorld.Deleted("cat.jpg", uploaded.Generation))?.Kind);
        Assert.Equal(OutcomeKind.Ignored, world.Intake.IgnoreUnlessNewPicture(uploaded with { Bucket = "elsewhere" })?.Kind);
    }
}
