using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using PicADaily.Contracts.Storage;
using PicADaily.Frontend.Gallery;
using PicADaily.Frontend.Tests.Support;

namespace PicADaily.Frontend.Tests;

/// <summary>A picture page leads to the trace of the picture's upload: the dashboard locally, Cloud Trace on Google Cloud.</summary>
public sealed class TraceLinkTests : IDisposable
{
    private const string Dashboard = "http://localhost:15080";
    private readonly FrontendFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task An_upload_records_its_trace_with_the_picture_and_the_picture_page_links_to_it_in_the_dashboard()
    {
        using var withDashboard = factory.WithWebHostBuilder(builder => builder.UseSetting(TraceLinks.DashboardUrlKey, Dashboard));
        var client = withDashboard.CreateClient();
        var name = await UploadAsync(client);

        var stored = factory.Objects.In("pictures").Single(o => o.Info.Name == name);
        var traceId = PictureTrace.TraceIdOf(stored.Info.Metadata.GetValueOrDefault(PictureTrace.TraceParentKey));
        Assert.NotNull(traceId);
        var page = await client.GetStringAsync(PictureUrls.Page(name));
        Assert.Contains($"<a href=\"{Dashboard}/traces/detail/{traceId}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void On_Google_Cloud_the_link_leads_to_Cloud_Trace_of_the_project()
    {
        var links = new TraceLinks(Configuration(("GOOGLE_CLOUD_PROJECT", "my-project")));

        Assert.Equal("https://console.cloud.google.com/traces/list?tid=0af7651916cd43dd8448eb211c80319c&project=my-project", links.For("0af7651916cd43dd8448eb211c80319c")?.ToString());
    }

    [Fact]
    public void On_emulators_without_a_dashboard_there_is_no_link_to_make()
    {
        var links = new TraceLinks(Configuration(("GOOGLE_CLOUD_PROJECT", "picadaily-local"), ("STORAGE_EMULATOR_HOST", "localhost:8090"), ("FIRESTORE_EMULATOR_HOST", "localhost:8091")));

        Assert.Null(links.For("0af7651916cd43dd8448eb211c80319c"));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private static async Task<string> UploadAsync(HttpClient client)
    {
        var token = await Antiforgery.TokenAsync(client);
        var part = new ByteArrayContent(TestImages.Png);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/pictures") { Content = new MultipartFormDataContent { { part, "pictures", "rose.png" } } };
        request.Headers.Add(Antiforgery.HeaderName, token);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("name").GetString()!;
    }
}
