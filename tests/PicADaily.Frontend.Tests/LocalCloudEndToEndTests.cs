using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Publishing;
using PicADaily.Frontend.Tests.Support;
using PicADaily.Pictures;

namespace PicADaily.Frontend.Tests;

/// <summary>The frontend's real Storage, Firestore and Pub/Sub adapters against LocalCloud, events arriving by real push.</summary>
public sealed class LocalCloudEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private LocalCloudStack stack = null!;

    public async Task InitializeAsync() => stack = await LocalCloudStack.StartAsync();

    public async Task DisposeAsync() => await stack.DisposeAsync();

    [Fact]
    public async Task A_reconnecting_listener_hears_what_it_missed_with_cursors_stamped_by_firestore()
    {
        using var http = stack.Http();
        var token = await Antiforgery.TokenAsync(http);
        var (name, _) = await UploadAsync(http, token, "cursor.png");
        await WaitForKindAsync(http, name, "uploaded");
        using var timeout = new CancellationTokenSource(Patience);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/live?picture=" + Uri.EscapeDataString(name));
        // A cursor before everything: the listener missed the whole timeline.
        request.Headers.Add("Last-Event-ID", "1-" + new string('0', 64));

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var stream = new SseReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await stream.NextAsync(PicADaily.Frontend.Api.LiveApi.ReadyEvent, timeout.Token);
        var missed = await stream.NextAsync(PicADaily.Frontend.Api.LiveApi.UpdateEvent, timeout.Token);

        Assert.Equal(name, JsonDocument.Parse(missed.Data).RootElement.GetProperty("picture").GetString());
        Assert.True(PicADaily.Frontend.Timeline.TimelineCursor.TryParse(missed.Id, out var cursor), $"\"{missed.Id}\" is no cursor");
        Assert.True(cursor.Value.Recorded > DateTimeOffset.UtcNow.AddMinutes(-5), "The cursor's time is LocalCloud's commit time of the entry.");
    }

    [Fact]
    public async Task An_upload_is_stored_served_filed_in_its_timeline_by_push_shown_when_visible_and_deleted()
    {
        using var http = stack.Http();
        var token = await Antiforgery.TokenAsync(http);

        var (name, deleteToken) = await UploadAsync(http, token, "<b>beach</b>.png");
        await WaitForKindAsync(http, name, "uploaded");

        // Not analysed yet: hidden from everybody but the holder of its delete capability.
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/images/" + name)).StatusCode);
        using var own = new HttpRequestMessage(HttpMethod.Get, "/api/images/" + name);
        own.Headers.Add("Delete-Token", deleteToken);
        var image = await http.SendAsync(own);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestImages.Png, await image.Content.ReadAsByteArrayAsync());

        // What image-analysis and thumbnail would record and announce.
        var services = stack.Frontend.Services;
        var catalog = services.GetRequiredService<PictureCatalog>();
        var generation = (await http.GetFromJsonAsync<JsonElement>("/api/pictures/" + name)).GetProperty("generation").GetInt64();
        await catalog.RecordAnalysisAsync(name, generation, DateTimeOffset.UtcNow, new PictureAnalysis(["Beach", "Sea"], "#1e90ff", true, null), CancellationToken.None);
        await catalog.RecordThumbnailAsync(name, generation, DateTimeOffset.UtcNow, CancellationToken.None);
        var publisher = services.GetRequiredService<IEventPublisher>();
        await publisher.PublishAsync(Topics.PictureActivity, ActivityEventFactory.Create("image-analysis", new PictureAnalyzed("pictures", name, generation, ["Beach", "Sea"], "#1e90ff")), CancellationToken.None);
        await WaitForKindAsync(http, name, "analyzed");

        var gallery = await http.GetFromJsonAsync<JsonElement>("/api/pictures?label=Sea");
        var item = Assert.Single(gallery.GetProperty("items").EnumerateArray());
        Assert.Equal(name, item.GetProperty("name").GetString());
        Assert.Equal("<b>beach</b>.png", item.GetProperty("originalName").GetString());
        Assert.Contains("&lt;b&gt;beach&lt;/b&gt;.png", await http.GetStringAsync("/"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/images/" + name)).StatusCode);
        using var withoutCapability = new HttpRequestMessage(HttpMethod.Delete, "/api/pictures/" + name);
        withoutCapability.Headers.Add(Antiforgery.HeaderName, token);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(withoutCapability)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/images/" + name)).StatusCode);

        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/pictures/" + name);
        delete.Headers.Add(Antiforgery.HeaderName, token);
        delete.Headers.Add("Delete-Token", deleteToken);
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(delete)).StatusCode);
        await WaitForKindAsync(http, name, "deleted");
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/images/" + name)).StatusCode);
    }

    private static async Task<(string Name, string DeleteToken)> UploadAsync(HttpClient http, string token, string fileName)
    {
        var part = new ByteArrayContent(TestImages.Png);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/pictures") { Content = new MultipartFormDataContent { { part, "pictures", fileName } } };
        request.Headers.Add(Antiforgery.HeaderName, token);
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0];
        Assert.True(result.GetProperty("accepted").GetBoolean());
        return (result.GetProperty("name").GetString()!, result.GetProperty("deleteToken").GetString()!);
    }

    private static async Task WaitForKindAsync(HttpClient http, string name, string kind)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var response = await http.GetAsync("/api/pictures/" + name);
            if (response.IsSuccessStatusCode)
            {
                var timeline = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("timeline");
                if (timeline.EnumerateArray().Any(e => e.GetProperty("kind").GetString() == kind))
                {
                    return;
                }
            }

            await Task.Delay(100);
        }

        Assert.Fail($"No \"{kind}\" entry reached the timeline of {name} within {Patience.TotalSeconds} s.");
    }
}
