using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PicADaily.Frontend.Tests.Support;

namespace PicADaily.Frontend.Tests;

public sealed class PictureListApiTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FrontendFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Pictures_are_listed_newest_first_with_name_labels_color_and_created()
    {
        factory.Directory.AddVisible("older.png", Start, "#112233", "Cat");
        factory.Directory.AddVisible("newer.png", Start.AddMinutes(1), "#445566", "Dog", "Pet");
        factory.Objects.Put("pictures", "newer.png", TestImages.Png, metadata: new Dictionary<string, string> { ["originalName"] = "my dog.png" });

        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/pictures");

        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["newer.png", "older.png"], items.Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(["Dog", "Pet"], items[0].GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("#445566", items[0].GetProperty("color").GetString());
        Assert.Equal(Start.AddMinutes(1), items[0].GetProperty("created").GetDateTimeOffset());
        Assert.Equal("my dog.png", items[0].GetProperty("originalName").GetString());
        Assert.Equal("/api/thumbnails/newer.png", items[0].GetProperty("thumbnail").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("nextPageToken").ValueKind);
    }

    [Fact]
    public async Task Following_next_page_tokens_yields_every_visible_picture_once_in_order()
    {
        for (var i = 0; i < 7; i++)
        {
            factory.Directory.AddVisible($"2026/pic-{i}.png", Start.AddMinutes(i));
        }

        var client = factory.CreateClient();
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var url = "/api/pictures?pageSize=3" + (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token));
            var json = await client.GetFromJsonAsync<JsonElement>(url);
            var items = json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
            Assert.InRange(items.Count, 1, 3);
            seen.AddRange(items);
            token = json.GetProperty("nextPageToken").GetString();
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(i => $"2026/pic-{i}.png"), seen);
    }

    [Fact]
    public async Task Label_filter_returns_only_pictures_with_that_label()
    {
        factory.Directory.AddVisible("cat.png", Start, "#112233", "Cat", "Pet");
        factory.Directory.AddVisible("dog.png", Start.AddMinutes(1), "#112233", "Dog", "Pet");
        factory.Directory.AddVisible("car.png", Start.AddMinutes(2), "#112233", "Car");
        var client = factory.CreateClient();

        var pets = await client.GetFromJsonAsync<JsonElement>("/api/pictures?label=Pet");
        var cats = await client.GetFromJsonAsync<JsonElement>("/api/pictures?q=Cat");

        Assert.Equal(["dog.png", "cat.png"], pets.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal("Pet", pets.GetProperty("label").GetString());
        Assert.Equal(["cat.png"], cats.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Page_size_is_bounded_so_one_request_cannot_ask_for_everything()
    {
        await factory.CreateClient().GetAsync("/api/pictures?pageSize=100000");

        Assert.Equal(Gallery.GalleryQuery.MaxPageSize, Assert.Single(factory.Directory.Queries).PageSize);
    }

    [Fact]
    public async Task A_page_token_the_server_never_issued_is_a_400()
    {
        var response = await factory.CreateClient().GetAsync("/api/pictures?pageToken=forged");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Gallery_page_label_links_filter_the_gallery()
    {
        factory.Directory.AddVisible("cat.png", Start, "#112233", "Cat");
        factory.Directory.AddVisible("dog.png", Start.AddMinutes(1), "#112233", "Dog");
        var client = factory.CreateClient();

        var all = await client.GetStringAsync("/");
        Assert.Contains("href=\"/?label=Cat\"", all, StringComparison.Ordinal);
        var filtered = await client.GetStringAsync("/?label=Cat");

        Assert.Contains("data-name=\"cat.png\"", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("data-name=\"dog.png\"", filtered, StringComparison.Ordinal);
    }
}
