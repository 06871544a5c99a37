using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Storage;
using PicADaily.Testing;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.EndToEnd.Tests.Tracing;

/// <summary>
/// "Where did my picture go?" in one trace: a picture uploaded through the frontend is worked on by
/// LocalCloud's push deliveries, image-analysis, thumbnail and the collage, and every one of them
/// exports its spans into the upload's trace, whose id the picture page shows.
/// </summary>
public sealed partial class OneTracePerPictureTests(TracedSystem system) : IClassFixture<TracedSystem>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task One_uploads_spans_in_frontend_LocalCloud_image_analysis_thumbnail_and_collage_share_its_trace_id_shown_on_its_page()
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = system.Frontend };
        var name = await UploadAsync(http, TestImages.SolidJpeg(800, 600, new Rgba32(30, 90, 200)), "traced.jpg");
        await system.Activity.WaitForAsync<PictureAnalyzed>(e => e.Name == name, Patience);
        await system.Activity.WaitForAsync<ThumbnailCreated>(e => e.Name == name, Patience);
        await Quiet.UntilAsync(async () => (await system.Catalog.GetAsync(name, default))?.Document.Visible == true, Patience, "the upload becomes visible");
        await system.TickCollageAsync();
        await system.Activity.WaitForAsync<CollageCreated>(e => e.Pictures.Any(p => p.Name == name), Patience);

        var stored = await system.Storage.GetAsync("pictures", name, null, default);
        string? traceParent = null;
        stored?.Metadata?.TryGetValue(PictureTrace.TraceParentKey, out traceParent);
        var traceId = PictureTrace.TraceIdOf(traceParent);
        Assert.NotNull(traceId);

        // Each named step, found by what it did to this picture, not merely by trace id.
        var expected = new (string Service, string What, Func<CollectedSpan, bool> Match)[]
        {
            ("frontend", "the upload request", s => s.Name.Contains("/api/pictures", StringComparison.Ordinal)),
            ("localcloud", "a push delivery", s => s.Name.StartsWith("push ", StringComparison.Ordinal)),
            ("image-analysis", "handling the finalized picture", s => IsHandlingOf(s, EventTypes.Storage.Finalized, name)),
            ("thumbnail", "handling the finalized picture", s => IsHandlingOf(s, EventTypes.Storage.Finalized, name)),
            ("collage", "putting the picture into the collage", s => s.Name == "collage includes the picture" && s.Attributes.GetValueOrDefault("picadaily.object_name") == name),
        };
        await Quiet.UntilAsync(
            () => Task.FromResult(expected.All(e => system.Collector.Spans.Any(s => s.TraceId == traceId && s.Service == e.Service && e.Match(s)))),
            Patience,
            "every step's span reaches the collector in the upload's trace");

        // Nothing the picture caused started a trace of its own: every handling of it is in the one trace.
        var handlingsOfThePicture = system.Collector.Spans.Where(s => s.Attributes.GetValueOrDefault("picadaily.object_name") == name).ToList();
        Assert.NotEmpty(handlingsOfThePicture);
        Assert.All(handlingsOfThePicture, s => Assert.Equal(traceId, s.TraceId));

        var page = await http.GetStringAsync("pictures/" + name);
        var shown = TraceIdOnPage().Match(page);
        Assert.True(shown.Success, "The picture page shows no trace id.");
        Assert.Equal(traceId, shown.Groups[1].Value);
    }

    private static bool IsHandlingOf(CollectedSpan span, string eventType, string name) =>
        span.Name == $"handle {eventType}" && span.Attributes.GetValueOrDefault("picadaily.object_name") == name;

    private static async Task<string> UploadAsync(HttpClient http, byte[] picture, string fileName)
    {
        var form = await http.GetStringAsync("upload");
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(form).Groups[1].Value);
        var part = new ByteArrayContent(picture);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/pictures") { Content = new MultipartFormDataContent { { part, "pictures", fileName } } };
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0];
        Assert.True(result.GetProperty("accepted").GetBoolean());
        return result.GetProperty("name").GetString()!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("class=\"trace-id\">\\s*(?:<a [^>]*>)?<code>([0-9a-f]{32})</code>")]
    private static partial Regex TraceIdOnPage();
}
