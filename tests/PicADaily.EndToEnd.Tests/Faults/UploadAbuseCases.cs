using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using PicADaily.Testing;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace PicADaily.EndToEnd.Tests.Faults;

/// <summary>
/// Reliability case 22 through the running frontend (the same inputs as the frontend's own upload tests,
/// but stored in LocalCloud's bucket folder and shown after the real choreography made them visible):
/// hostile file names become safe storage names and are shown encoded; a missing antiforgery token is
/// 400 and an oversized body 413, each with a message and nothing stored.
/// </summary>
[Collection(OnGuardedSystem.Name)]
public sealed partial class UploadAbuseCases(GuardedSystem system, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The frontend's default <c>Upload__MaxRequestBytes</c>: the app host sets no other.</summary>
    private const long MaxRequestBytes = 100 * 1024 * 1024;

    private static readonly string LongName = new string('a', 5000) + ".png";

    private SystemChecks checks = null!;

    public async Task InitializeAsync() => checks = await SystemChecks.BeginAsync(system, output);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Case22_upload_abuse_gets_safe_storage_names_encoded_display_and_400_or_413_with_a_message_storing_nothing_half()
    {
        using var client = Browser();
        var token = await AntiforgeryTokenAsync(client);
        var before = StoredPictures();

        using (var request = Upload(("case22-no-token.png", Png(1))))
        {
            using var missingToken = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, missingToken.StatusCode);
            Assert.Contains("antiforgery token", await missingToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Post, "api/pictures") { Content = new ZerosContent(MaxRequestBytes + 1) })
        {
            request.Headers.Add("RequestVerificationToken", token);
            request.Headers.ExpectContinue = true; // the frontend answers from Content-Length alone; the body need not travel
            using var oversize = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversize.StatusCode);
            Assert.Contains("at most 100 MB", await oversize.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, StoredPictures());

        (string Sent, string Kept)[] names =
        [
            ("<script>alert(22)</script>.png", "<script>alert(22)</script>.png"),
            ("case22-\u202Egnp.exe.png", "case22-gnp.exe.png"), // the right-to-left override that disguises an extension goes
            ("صورة-case22.png", "صورة-case22.png"), // right-to-left script is kept
            ("nul\0byte.png", "nulbyte.png"),
            ("../case22-escape.png", "../case22-escape.png"), // data, never a path
            (LongName, LongName[..255] + "…"),
        ];
        var results = await UploadAsync(client, token, names.Select((n, i) => (n.Sent, Png(i + 10))).ToArray());

        Assert.Equal(names.Length, results.Count);
        var stored = new List<string>();
        foreach (var ((_, kept), result) in names.Zip(results))
        {
            Assert.True(result.GetProperty("accepted").GetBoolean(), result.ToString());
            var name = result.GetProperty("name").GetString()!;
            Assert.Matches(SafeName(), name);
            Assert.Equal(kept, result.GetProperty("fileName").GetString());
            stored.Add(name);
        }

        // Exactly the accepted pictures were stored, each under its safe name, and nothing escaped the folder.
        Assert.Equal(before.Concat(stored.Select(n => n.Replace('/', Path.DirectorySeparatorChar))).Order(StringComparer.Ordinal), StoredPictures());
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(system.DataPath)!, "case22-escape*", SearchOption.AllDirectories));

        foreach (var name in stored)
        {
            await checks.VisibleAsync(name);
        }

        var gallery = await client.GetStringAsync("");
        var pictures = await Task.WhenAll(stored.Select(n => client.GetStringAsync("pictures/" + n)));
        foreach (var html in pictures.Prepend(gallery))
        {
            Assert.DoesNotContain("<script>alert(22)", html, StringComparison.Ordinal);
            Assert.DoesNotContain('\u202E', WebUtility.HtmlDecode(html));
            Assert.DoesNotContain('\0', WebUtility.HtmlDecode(html));
        }

        Assert.Contains("<script>alert(22)</script>.png", WebUtility.HtmlDecode(gallery), StringComparison.Ordinal);
        foreach (var ((_, kept), html) in names.Zip(pictures))
        {
            Assert.Contains(kept, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        }

        await checks.AssertInvariantAsync(system.FaultSummary());
    }

    private HttpClient Browser() =>
        new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), Expect100ContinueTimeout = SystemChecks.Patience }) { BaseAddress = system.Frontend };

    /// <summary>Picture files in the bucket folder, relative, sorted.</summary>
    private List<string> StoredPictures() =>
        [.. Directory.EnumerateFiles(system.PicturesFolder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(system.PicturesFolder, f)).Order(StringComparer.Ordinal)];

    private static byte[] Png(int seed) => TestImages.SolidPng(320, 240, new Rgba32((byte)(seed * 37), (byte)(seed * 91), (byte)(seed * 53)));

    /// <summary>The upload page's form token; the client keeps its cookie.</summary>
    private static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var match = TokenField().Match(await client.GetStringAsync("upload"));
        Assert.True(match.Success, "The upload page has no antiforgery token field.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static async Task<List<JsonElement>> UploadAsync(HttpClient client, string token, params (string FileName, byte[] Content)[] files)
    {
        using var request = Upload(files);
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. json.GetProperty("results").EnumerateArray()];
    }

    /// <summary>A multipart upload as a browser sends it; names are set by hand so none is escaped on the way.</summary>
    private static HttpRequestMessage Upload(params (string FileName, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (fileName, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            var disposition = new ContentDispositionHeaderValue("form-data") { Name = "\"pictures\"" };
            if (fileName.Any(c => c > 127 || char.IsControl(c)))
            {
                // A control or non-ASCII character cannot travel in a plain header value; browsers' RFC 5987 form carries it.
                disposition.FileNameStar = fileName;
            }
            else
            {
                disposition.FileName = "\"" + fileName.Replace("\"", "", StringComparison.Ordinal) + "\"";
            }

            part.Headers.ContentDisposition = disposition;
            form.Add(part);
        }

        return new HttpRequestMessage(HttpMethod.Post, "api/pictures") { Content = form };
    }

    [GeneratedRegex(@"^\d{8}/[0-9a-f]{32}\.png$")]
    private static partial Regex SafeName();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>A body of <paramref name="length"/> zero bytes, written only if the server asks for it.</summary>
    private sealed class ZerosContent(long length) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[81920];
            for (var left = length; left > 0; left -= chunk.Length)
            {
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)));
            }
        }

        protected override bool TryComputeLength(out long length1)
        {
            length1 = length;
            return true;
        }
    }
}
