using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PicADaily.Frontend.Tests.Support;

namespace PicADaily.Frontend.Tests;

public sealed partial class UploadApiTests : IDisposable
{
    private readonly FrontendFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Upload_without_antiforgery_token_is_400_and_stores_nothing()
    {
        var response = await factory.CreateClient().PostAsync("/api/pictures", Form(("cat.png", TestImages.Png)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(factory.Objects.In("pictures"));
    }

    [Fact]
    public async Task Upload_with_a_token_from_another_session_is_400()
    {
        var token = await Antiforgery.TokenAsync(factory.CreateClient());
        var stranger = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/pictures") { Content = Form(("cat.png", TestImages.Png)) };
        request.Headers.Add(Antiforgery.HeaderName, token);

        var response = await stranger.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(factory.Objects.In("pictures"));
    }

    [Fact]
    public async Task Accepted_pictures_get_safe_unique_names_from_their_content_and_keep_the_file_name()
    {
        var results = await UploadAsync(("holiday photo.jpeg", TestImages.Png), ("scan.png", TestImages.JpegHeader));

        Assert.All(results, r => Assert.True(r.GetProperty("accepted").GetBoolean()));
        var names = results.Select(r => r.GetProperty("name").GetString()!).ToList();
        Assert.Matches(SafeName(), names[0]);
        Assert.EndsWith(".png", names[0], StringComparison.Ordinal);
        Assert.EndsWith(".jpg", names[1], StringComparison.Ordinal);
        Assert.NotEqual(names[0], names[1]);
        var stored = factory.Objects.In("pictures").Single(o => o.Info.Name == names[0]);
        Assert.Equal("image/png", stored.Info.ContentType);
        Assert.Equal("holiday photo.jpeg", stored.Info.OriginalName);
        Assert.Equal(TestImages.Png, stored.Content);
    }

    [Fact]
    public async Task A_text_file_named_jpg_is_rejected_as_not_an_image()
    {
        var result = Assert.Single(await UploadAsync(("notes.jpg", Encoding.UTF8.GetBytes("just some text, not a picture"))));

        Assert.False(result.GetProperty("accepted").GetBoolean());
        Assert.Equal("not-an-image", result.GetProperty("reasonCode").GetString());
        Assert.Contains("not an image", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(factory.Objects.In("pictures"));
    }

    [Fact]
    public async Task A_zero_byte_file_is_rejected_as_empty()
    {
        var result = Assert.Single(await UploadAsync(("empty.png", [])));

        Assert.False(result.GetProperty("accepted").GetBoolean());
        Assert.Equal("empty", result.GetProperty("reasonCode").GetString());
        Assert.Empty(factory.Objects.In("pictures"));
    }

    [Fact]
    public async Task A_file_over_the_per_file_limit_is_rejected_as_too_large_while_the_others_are_stored()
    {
        var big = new byte[FrontendFactory.MaxFileBytes + 1];
        TestImages.Png.CopyTo(big, 0);

        var results = await UploadAsync(("big.png", big), ("small.png", TestImages.Png));

        Assert.Equal("too-large", results[0].GetProperty("reasonCode").GetString());
        Assert.Contains("too large", results[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(results[1].GetProperty("accepted").GetBoolean());
        Assert.Single(factory.Objects.In("pictures"));
    }

    [Fact]
    public async Task Files_beyond_the_per_upload_count_are_rejected_one_by_one()
    {
        var results = await UploadAsync(Enumerable.Range(0, 7).Select(i => ($"p{i}.png", TestImages.Png)).ToArray());

        Assert.Equal(7, results.Count);
        Assert.All(results.Take(5), r => Assert.True(r.GetProperty("accepted").GetBoolean()));
        Assert.All(results.Skip(5), r => Assert.Equal("too-many-files", r.GetProperty("reasonCode").GetString()));
        Assert.Equal(5, factory.Objects.In("pictures").Count);
    }

    [Fact]
    public async Task A_request_over_the_request_limit_is_413_and_stores_nothing()
    {
        var client = factory.CreateClient();
        var token = await Antiforgery.TokenAsync(client);
        var huge = new byte[FrontendFactory.MaxRequestBytes + 1024];
        TestImages.Png.CopyTo(huge, 0);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/pictures") { Content = Form(("huge.png", huge)) };
        request.Headers.Add(Antiforgery.HeaderName, token);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(factory.Objects.In("pictures"));
    }

    [Fact]
    public async Task Upload_without_files_is_400_no_file_was_uploaded()
    {
        var client = factory.CreateClient();
        var token = await Antiforgery.TokenAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/pictures") { Content = new MultipartFormDataContent { { new StringContent("x"), "other" } } };
        request.Headers.Add(Antiforgery.HeaderName, token);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("No file was uploaded.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>.jpg", "<img src=x onerror=alert(1)>.jpg")]
    [InlineData("../x.jpg", "../x.jpg")]
    [InlineData("nul\0byte.jpg", "nulbyte.jpg")]
    public async Task Unsafe_file_names_never_become_storage_names_and_are_kept_cleaned(string fileName, string kept)
    {
        var result = Assert.Single(await UploadAsync((fileName, TestImages.Png)));

        var name = result.GetProperty("name").GetString()!;
        Assert.Matches(SafeName(), name);
        Assert.Equal(kept, factory.Objects.In("pictures").Single().Info.OriginalName);
    }

    [Fact]
    public async Task A_5000_character_file_name_is_kept_shortened()
    {
        var result = Assert.Single(await UploadAsync((new string('a', 5000) + ".png", TestImages.Png)));

        Assert.Matches(SafeName(), result.GetProperty("name").GetString()!);
        var kept = factory.Objects.In("pictures").Single().Info.OriginalName!;
        Assert.InRange(kept.Length, 200, 256);
        Assert.StartsWith("aaaa", kept, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_upload_form_works_without_script_and_shows_each_result_encoded()
    {
        var client = factory.CreateClient();
        var page = await client.GetStringAsync("/upload");
        var token = WebUtility.HtmlDecode(TokenField().Match(page).Groups[1].Value);
        var form = Form(("<b>bold</b>.jpg", Encoding.UTF8.GetBytes("text")), ("ok.png", TestImages.Png));
        form.Add(new StringContent(token), "__RequestVerificationToken");

        var response = await client.PostAsync("/upload", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;.jpg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", html, StringComparison.Ordinal);
        Assert.Contains("rejected, not an image", html, StringComparison.Ordinal);
        Assert.Single(factory.Objects.In("pictures"));
    }

    private async Task<List<JsonElement>> UploadAsync(params (string FileName, byte[] Content)[] files)
    {
        var client = factory.CreateClient();
        var token = await Antiforgery.TokenAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/pictures") { Content = Form(files) };
        request.Headers.Add(Antiforgery.HeaderName, token);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.GetProperty("results").EnumerateArray().ToList();
    }

    private static MultipartFormDataContent Form(params (string FileName, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (fileName, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            // Set by hand: HttpClient would quote-escape some of the names under test. A control
            // character cannot travel in a plain header value; browsers' RFC 5987 form carries it.
            var disposition = new ContentDispositionHeaderValue("form-data") { Name = "\"pictures\"" };
            if (fileName.Any(char.IsControl))
            {
                disposition.FileNameStar = fileName;
            }
            else
            {
                disposition.FileName = "\"" + fileName.Replace("\"", "", StringComparison.Ordinal) + "\"";
            }

            part.Headers.ContentDisposition = disposition;
            form.Add(part);
        }

        return form;
    }

    [GeneratedRegex(@"^\d{8}/[0-9a-f]{32}\.(png|jpg|webp|gif)$")]
    private static partial Regex SafeName();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
