using System.Net;
using System.Text.RegularExpressions;
using PicADaily.Contracts.Pictures;
using PicADaily.Frontend.Tests.Support;

namespace PicADaily.Frontend.Tests;

public sealed partial class SecurityAndImageTests : IDisposable
{
    private const string Hostile = "<img src=x onerror=alert(1)>.jpg";
    private readonly FrontendFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Theory]
    [InlineData("/")]
    [InlineData("/upload")]
    [InlineData("/collage")]
    [InlineData("/flow")]
    [InlineData("/api/pictures")]
    [InlineData("/css/site.css")]
    [InlineData("/js/site.js")]
    public async Task Every_response_forbids_inline_script_and_content_sniffing(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data:", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/upload")]
    [InlineData("/collage")]
    [InlineData("/flow")]
    public async Task Pages_load_only_local_scripts_and_styles_and_carry_no_inline_code(string path)
    {
        SeedHostilePicture();
        var html = await factory.CreateClient().GetStringAsync(path);

        Assert.NotEmpty(ScriptTag().Matches(html));
        Assert.All(ScriptTag().Matches(html), m => Assert.Matches("^<script src=\"/js/[a-z]+\\.js\" defer></script>$", m.Value));
        Assert.All(StylesheetTag().Matches(html), m => Assert.StartsWith("<link rel=\"stylesheet\" href=\"/css/", m.Value, StringComparison.Ordinal));
        Assert.DoesNotMatch(InlineHandlerOrStyle(), html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hostile_original_name_and_labels_are_shown_as_text_on_gallery_and_picture_page()
    {
        var name = SeedHostilePicture();
        var client = factory.CreateClient();

        var gallery = await client.GetStringAsync("/");
        var picture = await client.GetStringAsync("/pictures/" + name);

        foreach (var html in new[] { gallery, picture })
        {
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt;.jpg", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(2)&lt;/script&gt;", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert(2)", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Images_are_served_with_the_content_type_their_bytes_prove_and_nosniff()
    {
        MakeVisible(factory.Objects.Put("pictures", "2026/a.jpg", TestImages.Png, contentType: "text/html"));
        factory.Objects.Put("thumbnails", "2026/a.jpg", TestImages.Png, contentType: "text/html");
        var client = factory.CreateClient();

        foreach (var path in new[] { "/api/images/2026/a.jpg", "/api/thumbnails/2026/a.jpg" })
        {
            var response = await client.GetAsync(path);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal(TestImages.Png, await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Content_that_is_not_a_picture_is_offered_only_as_a_download()
    {
        MakeVisible(factory.Objects.Put("pictures", "dropped.jpg", "<html><script>alert(1)</script>"u8.ToArray(), contentType: "text/html"));

        var response = await factory.CreateClient().GetAsync("/api/images/dropped.jpg");

        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task Missing_images_are_404()
    {
        var response = await factory.CreateClient().GetAsync("/api/thumbnails/nothing-here.png");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_collage_is_never_cached_and_its_page_links_the_current_generation()
    {
        var stored = factory.Objects.Put("thumbnails", ArtifactMetadata.CollageObjectName, TestImages.Png, contentType: "image/png");
        var client = factory.CreateClient();

        var response = await client.GetAsync("/api/collage");
        var page = await client.GetStringAsync("/collage");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains($"src=\"/api/collage?generation={stored.Info.Generation}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_needs_the_antiforgery_token_and_removes_only_the_original()
    {
        var (deleteToken, sha256) = PicADaily.Frontend.Ownership.DeleteCapability.Create();
        factory.Objects.Put("pictures", "2026/x.png", TestImages.Png, metadata: new Dictionary<string, string> { ["deleteTokenSha256"] = sha256 });
        factory.Objects.Put("thumbnails", "2026/x.png", TestImages.Png);
        var client = factory.CreateClient();

        using var forged = new HttpRequestMessage(HttpMethod.Delete, "/api/pictures/2026/x.png");
        forged.Headers.Add("Delete-Token", deleteToken);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(forged)).StatusCode);
        Assert.Single(factory.Objects.In("pictures"));

        var token = await Antiforgery.TokenAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/pictures/2026/x.png");
        request.Headers.Add(Antiforgery.HeaderName, token);
        request.Headers.Add("Delete-Token", deleteToken);
        var deleted = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(factory.Objects.In("pictures"));
        Assert.Single(factory.Objects.In("thumbnails"));
    }

    [Fact]
    public async Task The_picture_pages_delete_form_is_refused_without_its_antiforgery_token()
    {
        factory.Objects.Put("pictures", "2026/y.png", TestImages.Png);

        var response = await factory.CreateClient().PostAsync("/pictures/2026/y.png?handler=Delete", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(factory.Objects.In("pictures"));
    }

    private void MakeVisible(PicADaily.Frontend.Storage.StoredObjectContent original) =>
        factory.Directory.Add(new PictureDocument { Name = original.Info.Name, Generation = original.Info.Generation, Safe = true, Analyzed = true, Thumbnail = true });

    private string SeedHostilePicture()
    {
        const string name = "20260101/0123456789abcdef0123456789abcdef.jpg";
        factory.Directory.AddVisible(name, DateTimeOffset.UtcNow, "#aabbcc", "<script>alert(2)</script>");
        factory.Objects.Put("pictures", name, TestImages.JpegHeader, metadata: new Dictionary<string, string> { ["originalName"] = Hostile });
        return name;
    }

    [GeneratedRegex("<script[^>]*>[^<]*</script>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("<link[^>]*>")]
    private static partial Regex StylesheetTag();

    [GeneratedRegex("""\s(on[a-z]+|style)=["']""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandlerOrStyle();
}
