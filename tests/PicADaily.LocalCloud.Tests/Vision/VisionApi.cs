using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.LocalCloud.Tests.Vision;

/// <summary>Raw HTTP/JSON access to LocalCloud's Vision, shaped as Google's images:annotate reference documents it, and test pictures.</summary>
public static class VisionApi
{
    public static JsonObject ContentRequest(byte[] image, params string[] features) =>
        Request(new JsonObject { ["content"] = Convert.ToBase64String(image) }, features);

    public static JsonObject UriRequest(string uri, params string[] features) =>
        Request(new JsonObject { ["source"] = new JsonObject { ["imageUri"] = uri } }, features);

    public static JsonObject Request(JsonObject image, params string[] features) => new()
    {
        ["image"] = image,
        ["features"] = new JsonArray([.. features.Select(f => (JsonNode)new JsonObject { ["type"] = f })]),
    };

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> Annotate(HttpClient http, params JsonObject[] requests)
    {
        using var response = await http.PostAsJsonAsync("v1/images:annotate", new JsonObject { ["requests"] = new JsonArray(requests) });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text));
    }

    public static async Task<JsonObject> AnnotateOne(HttpClient http, JsonObject request)
    {
        var (status, body) = await Annotate(http, request);
        Assert.Equal(HttpStatusCode.OK, status);
        return (JsonObject)Assert.Single(body!["responses"]!.AsArray())!;
    }

    /// <summary>A picture whose left part is <paramref name="left"/> and right part <paramref name="right"/>.</summary>
    public static byte[] Split(int width, int height, Rgb24 left, Rgb24 right, IImageEncoder? encoder = null)
    {
        using var image = new Image<Rgb24>(width, height, right);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                rows.GetRowSpan(y)[..(width / 2)].Fill(left);
            }
        });
        using var stream = new MemoryStream();
        image.Save(stream, encoder ?? new PngEncoder());
        return stream.ToArray();
    }

    public static byte[] Solid(int width, int height, Rgb24 color, IImageEncoder? encoder = null) => Split(width, height, color, color, encoder);

    public static List<string> Labels(JsonObject response) =>
        [.. (response["labelAnnotations"] as JsonArray ?? []).Select(l => l!["description"]!.GetValue<string>())];

    public static List<(int R, int G, int B, double Fraction, double Score)> Colors(JsonObject response) =>
        [.. response["imagePropertiesAnnotation"]!["dominantColors"]!["colors"]!.AsArray().Select(c => (
            c!["color"]!["red"]?.GetValue<int>() ?? 0,
            c["color"]!["green"]?.GetValue<int>() ?? 0,
            c["color"]!["blue"]?.GetValue<int>() ?? 0,
            c["pixelFraction"]!.GetValue<double>(),
            c["score"]!.GetValue<double>()))];
}
