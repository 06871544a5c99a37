using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Pictures;

namespace PicADaily.EndToEnd.Tests.Invariant;

/// <summary>The invariant judged on hand-made snapshots: each broken state is reported, a healthy one is not.</summary>
public sealed class InvariantRulesTests
{
    private const long Live = 1_700_000_000_000_002;

    [Fact]
    public void A_healthy_system_has_no_violations()
    {
        Assert.Empty(InvariantRules.Violations(Healthy()));
    }

    [Fact]
    public void A_live_safe_picture_with_no_document_is_a_violation()
    {
        var lost = Healthy() with { Documents = new Dictionary<string, PictureDocument>() };

        var problem = Assert.Single(InvariantRules.Violations(lost), p => p.StartsWith("live picture 'cat.jpg'", StringComparison.Ordinal));
        Assert.Contains("no document", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_live_picture_with_no_document_but_a_recorded_failure_is_fine()
    {
        var failed = Healthy() with
        {
            Documents = new Dictionary<string, PictureDocument>(),
            Thumbnails = new Dictionary<string, long?>(),
            FailedGenerations = new HashSet<(string, long)> { ("cat.jpg", Live) },
            Collage = null,
        };

        Assert.Empty(InvariantRules.Violations(failed));
    }

    [Fact]
    public void A_live_safe_picture_whose_thumbnail_is_missing_is_a_violation_even_if_its_document_claims_one()
    {
        var noThumbnail = Healthy() with { Thumbnails = new Dictionary<string, long?>(), Collage = null };

        Assert.Contains(InvariantRules.Violations(noThumbnail), p => p.Contains("has no thumbnail of that generation", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failed_picture_with_a_thumbnail_or_a_visible_document_is_a_violation()
    {
        var failedButShown = Healthy() with { FailedGenerations = new HashSet<(string, long)> { ("cat.jpg", Live) }, Collage = null };

        var problems = InvariantRules.Violations(failedButShown);

        Assert.Contains(problems, p => p == $"failed picture 'cat.jpg' (generation {Live}) has a thumbnail");
        Assert.Contains(problems, p => p == $"failed picture 'cat.jpg' (generation {Live}) is visible");
    }

    [Fact]
    public void A_live_picture_never_analysed_is_a_violation()
    {
        var unanalysed = Healthy() with { Documents = Documents(Picture() with { Analyzed = false, Safe = false }), Collage = null };

        Assert.Contains(InvariantRules.Violations(unanalysed), p => p.Contains("never analysed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_document_or_thumbnail_of_a_gone_picture_is_a_violation()
    {
        var leftovers = Healthy() with { LivePictures = new Dictionary<string, long>(), Collage = null };

        var problems = InvariantRules.Violations(leftovers);

        Assert.Contains(problems, p => p.StartsWith("document of 'cat.jpg' remains", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("thumbnail of 'cat.jpg'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_collage_showing_a_deleted_or_superseded_picture_is_a_violation()
    {
        var stale = Healthy() with { Collage = new LiveCollage(9, [new("cat.jpg", Live), new("gone.jpg", 5), new("cat.jpg", Live - 1)]) };

        var problems = InvariantRules.Violations(stale);

        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.StartsWith("collage shows", p, StringComparison.Ordinal));
    }

    [Fact]
    public void A_collage_nobody_announced_is_a_violation()
    {
        Assert.Single(InvariantRules.Violations(Healthy() with { Collage = new LiveCollage(9, null) }));
    }

    private static SystemSnapshot Healthy() => new()
    {
        LivePictures = new Dictionary<string, long> { ["cat.jpg"] = Live },
        Documents = Documents(Picture()),
        Thumbnails = new Dictionary<string, long?> { ["cat.jpg"] = Live },
        FailedGenerations = new HashSet<(string, long)>(),
        Collage = new LiveCollage(9, [new CollagePicture("cat.jpg", Live)]),
    };

    private static PictureDocument Picture() =>
        new() { Name = "cat.jpg", Generation = Live, Analyzed = true, Safe = true, Thumbnail = true, Labels = ["Cat"], Color = "#808080" };

    private static Dictionary<string, PictureDocument> Documents(params PictureDocument[] pictures) =>
        pictures.ToDictionary(p => p.Name, StringComparer.Ordinal);
}
