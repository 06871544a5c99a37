using System.Net;
using PicADaily.Contracts.Pictures;
using PicADaily.Frontend.Tests.Support;

namespace PicADaily.Frontend.Tests;

/// <summary>The gallery links each thumbnail with its picture's generation, so a browser may keep it, and a replaced picture gets a new link.</summary>
public sealed class ThumbnailCachingTests : IDisposable
{
    private const string Name = "20260101/0123456789abcdef0123456789abcdef.png";
    private readonly FrontendFactory factory = new();
    private readonly HttpClient client;

    public ThumbnailCachingTests() => client = factory.CreateClient();

    public void Dispose()
    {
        client.Dispose();
        factory.Dispose();
    }

    [Fact]
    public async Task A_gallery_thumbnail_is_kept_by_the_browser_for_its_generation_and_a_replacement_changes_its_link()
    {
        var first = Publish();
        var firstLink = ThumbnailLink(await client.GetStringAsync("/"));
        Assert.Equal($"/api/thumbnails/{Name}?generation={first}", firstLink);
        var kept = await client.GetAsync(firstLink);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal("private, max-age=31536000, immutable", CacheControl(kept));

        var second = Publish();
        var secondLink = ThumbnailLink(await client.GetStringAsync("/"));
        var stale = await client.GetAsync(firstLink);

        Assert.Equal($"/api/thumbnails/{Name}?generation={second}", secondLink);
        // The old link now answers with the new thumbnail, which must not be kept under it.
        Assert.Equal("private, no-cache", CacheControl(stale));
        Assert.Equal("private, max-age=31536000, immutable", CacheControl(await client.GetAsync(secondLink)));
    }

    [Fact]
    public async Task A_thumbnail_asked_for_without_a_generation_is_revalidated_every_time()
    {
        Publish();

        var response = await client.GetAsync("/api/thumbnails/" + Name);

        Assert.Equal("private, no-cache", CacheControl(response));
        Assert.NotNull(response.Headers.ETag);
    }

    // What upload, image-analysis and thumbnail leave behind for one (new) generation of the picture.
    private long Publish()
    {
        var generation = factory.Objects.Put("pictures", Name, TestImages.Png, "image/png").Info.Generation;
        factory.Directory.Add(new PictureDocument { Name = Name, Generation = generation, Created = DateTimeOffset.UtcNow, Safe = true, Analyzed = true, Thumbnail = true });
        factory.Objects.Put("thumbnails", Name, TestImages.Png, "image/png", new Dictionary<string, string> { [ArtifactMetadata.SourceGeneration] = generation.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return generation;
    }

    // As sent, not as HttpClient re-orders its parts.
    private static string CacheControl(HttpResponseMessage response) => response.Headers.NonValidated["Cache-Control"].ToString();

    private static string ThumbnailLink(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "<img src=\"([^\"]+)\"");
        Assert.True(match.Success, "The gallery shows no thumbnail.");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
