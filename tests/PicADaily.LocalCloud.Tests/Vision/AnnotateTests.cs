using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.LocalCloud.Storage;
using PicADaily.LocalCloud.Storage.State;
using PicADaily.LocalCloud.Tests.Support;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using static PicADaily.LocalCloud.Tests.Vision.VisionApi;

namespace PicADaily.LocalCloud.Tests.Vision;

public sealed class AnnotateTests : IAsyncLifetime
{
    private static readonly Rgb24 Red = new(255, 0, 0);
    private static readonly Rgb24 Blue = new(0, 0, 255);
    private readonly FakeObjectReader objects = new();
    private TestLocalCloud cloud = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        cloud = await TestLocalCloud.StartAsync(configure: builder => builder.Services.AddSingleton<IObjectReader>(objects));
        http = new HttpClient { BaseAddress = cloud.BaseUri };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await cloud.DisposeAsync();
    }

    [Fact]
    public async Task Half_red_half_blue_picture_yields_both_colours_with_pixel_fractions_near_one_half()
    {
        var response = await AnnotateOne(http, ContentRequest(Split(200, 100, Red, Blue), "IMAGE_PROPERTIES"));

        var colors = Colors(response);
        var red = colors.Single(c => c.R > 200 && c.G < 40 && c.B < 40);
        var blue = colors.Single(c => c.B > 200 && c.R < 40 && c.G < 40);
        Assert.InRange(red.Fraction, 0.45, 0.55);
        Assert.InRange(blue.Fraction, 0.45, 0.55);
        Assert.InRange(colors.Sum(c => c.Fraction), 0.99, 1.01);
        Assert.Equal(colors.OrderByDescending(c => c.Score).ToList(), colors);
        Assert.All(colors, c => Assert.InRange(c.Score, 0, 1));
        Assert.True(colors.Count <= 10);
    }

    [Fact]
    public async Task A_solid_colour_yields_that_colour_with_pixel_fraction_one()
    {
        var response = await AnnotateOne(http, ContentRequest(Solid(64, 64, new Rgb24(30, 160, 60)), "IMAGE_PROPERTIES"));

        var only = Assert.Single(Colors(response));
        Assert.Equal((30, 160, 60), (only.R, only.G, only.B));
        Assert.InRange(only.Fraction, 0.999, 1.0);
    }

    [Fact]
    public async Task Local_labels_name_the_colours_orientation_and_brightness_deterministically()
    {
        var picture = Split(200, 100, Red, Blue, new JpegEncoder { Quality = 90 });

        var first = await AnnotateOne(http, ContentRequest(picture, "LABEL_DETECTION"));
        var second = await AnnotateOne(http, ContentRequest(picture, "LABEL_DETECTION"));
        var portrait = await AnnotateOne(http, ContentRequest(Solid(50, 100, new Rgb24(250, 250, 250)), "LABEL_DETECTION"));

        Assert.Contains("Red", Labels(first));
        Assert.Contains("Blue", Labels(first));
        Assert.Contains("Orientation: landscape", Labels(first));
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.All(first["labelAnnotations"]!.AsArray(), l => Assert.InRange(l!["score"]!.GetValue<double>(), 0, 1));
        Assert.Subset(Labels(portrait).ToHashSet(), new HashSet<string> { "White", "Brightness: bright", "Orientation: portrait", "Monochrome" });
        Assert.DoesNotContain("Orientation: landscape", Labels(portrait));
        // No bare orientation or brightness word that would read like a scene label in the gallery filter.
        Assert.DoesNotContain(Labels(first).Concat(Labels(portrait)), label => label is "Landscape" or "Portrait" or "Square" or "Bright" or "Dark");
    }

    [Fact]
    public async Task MaxResults_caps_the_labels()
    {
        var request = ContentRequest(Split(200, 100, Red, Blue), "LABEL_DETECTION");
        request["features"]![0]!["maxResults"] = 2;

        var response = await AnnotateOne(http, request);

        Assert.Equal(2, Labels(response).Count);
        Assert.Null(response["imagePropertiesAnnotation"]);
    }

    [Fact]
    public async Task Safe_search_is_UNKNOWN_for_every_category()
    {
        var response = await AnnotateOne(http, ContentRequest(Solid(10, 10, Red), "SAFE_SEARCH_DETECTION"));

        var safe = response["safeSearchAnnotation"]!.AsObject();
        Assert.Equal(["adult", "medical", "racy", "spoof", "violence"], safe.Select(p => p.Key).Order());
        Assert.All(safe, p => Assert.Equal("UNKNOWN", p.Value!.GetValue<string>()));
        Assert.Null(response["labelAnnotations"]);
    }

    [Fact]
    public async Task Gs_uris_are_read_through_storage_and_a_missing_object_is_a_per_image_error()
    {
        objects.Objects[("pictures", "dir/cat.png")] = Solid(20, 20, Blue);

        var (status, body) = await Annotate(
            http,
            UriRequest("gs://pictures/dir/cat.png", "IMAGE_PROPERTIES"),
            Request(new JsonObject { ["source"] = new JsonObject { ["gcsImageUri"] = "gs://pictures/none.png" } }, "IMAGE_PROPERTIES"));

        Assert.Equal(HttpStatusCode.OK, status);
        var found = (JsonObject)body!["responses"]![0]!;
        Assert.Equal((0, 0, 255), Colors(found).Select(c => (c.R, c.G, c.B)).Single());
        Assert.Equal(5, body["responses"]![1]!["error"]!["code"]!.GetValue<int>());
        Assert.Contains("gs://pictures/none.png", body["responses"]![1]!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_image_data_is_a_per_image_error_with_HTTP_200_and_the_other_images_are_still_annotated()
    {
        var (status, body) = await Annotate(
            http,
            ContentRequest("this is not a picture"u8.ToArray(), "LABEL_DETECTION"),
            ContentRequest(Solid(8, 8, Red), "IMAGE_PROPERTIES"),
            ContentRequest(Solid(8, 8, Red, new BmpEncoder()), "LABEL_DETECTION"),
            ContentRequest(Solid(8, 8, Red)[..40], "IMAGE_PROPERTIES"));

        Assert.Equal(HttpStatusCode.OK, status);
        var responses = body!["responses"]!.AsArray();
        Assert.Equal(4, responses.Count);
        foreach (var index in new[] { 0, 2, 3 })
        {
            Assert.Equal(3, responses[index]!["error"]!["code"]!.GetValue<int>());
            Assert.StartsWith("Bad image data", responses[index]!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Null(responses[1]!["error"]);
        Assert.NotEmpty(Colors((JsonObject)responses[1]!));
    }

    [Fact]
    public async Task A_canned_annotation_is_returned_verbatim_for_that_image_and_survives_a_restart()
    {
        var bytes = "unsafe test picture, not even an image"u8.ToArray();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var canned = new JsonObject
        {
            ["labelAnnotations"] = new JsonArray(new JsonObject { ["mid"] = "/m/01yrx", ["description"] = "Cat", ["score"] = 0.98, ["topicality"] = 0.98 }),
            ["safeSearchAnnotation"] = new JsonObject { ["adult"] = "VERY_LIKELY", ["spoof"] = "UNLIKELY", ["medical"] = "VERY_UNLIKELY", ["violence"] = "VERY_UNLIKELY", ["racy"] = "LIKELY" },
        };
        using (var put = await http.PutAsync($"localcloud/vision/canned/{sha}", new StringContent(canned.ToJsonString(), System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var response = await AnnotateOne(http, ContentRequest(bytes, "LABEL_DETECTION", "SAFE_SEARCH_DETECTION"));
        await using var restarted = await TestLocalCloud.StartAsync(cloud.DataPath);
        using var again = new HttpClient { BaseAddress = restarted.BaseUri };
        var afterRestart = await AnnotateOne(again, ContentRequest(bytes, "SAFE_SEARCH_DETECTION"));

        Assert.Equal(canned["labelAnnotations"]!.ToJsonString(), response["labelAnnotations"]!.ToJsonString());
        Assert.Equal(canned["safeSearchAnnotation"]!.ToJsonString(), response["safeSearchAnnotation"]!.ToJsonString());
        Assert.Null(response["error"]);
        Assert.Equal("VERY_LIKELY", afterRestart["safeSearchAnnotation"]!["adult"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_regional_form_of_the_endpoint_answers_the_same()
    {
        using var response = await http.PostAsync(
            "v1/projects/picadaily-local/locations/eu/images:annotate",
            new StringContent(new JsonObject { ["requests"] = new JsonArray(ContentRequest(Solid(4, 4, Red), "IMAGE_PROPERTIES")) }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(255, body["responses"]![0]!["imagePropertiesAnnotation"]!["dominantColors"]!["colors"]![0]!["color"]!["red"]!.GetValue<int>());
    }

    [Fact]
    public async Task Malformed_requests_fail_as_a_whole_with_400_INVALID_ARGUMENT()
    {
        var badBase64 = Request(new JsonObject { ["content"] = "***" }, "LABEL_DETECTION");
        var tooMany = Enumerable.Range(0, 17).Select(_ => ContentRequest(Solid(2, 2, Red), "IMAGE_PROPERTIES")).ToArray();

        var (base64Status, base64Body) = await Annotate(http, badBase64);
        var (manyStatus, manyBody) = await Annotate(http, tooMany);

        Assert.Equal(HttpStatusCode.BadRequest, base64Status);
        Assert.Equal("INVALID_ARGUMENT", base64Body!["error"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, manyStatus);
        Assert.Equal("INVALID_ARGUMENT", manyBody!["error"]!["status"]!.GetValue<string>());
    }

    private sealed class FakeObjectReader : IObjectReader
    {
        public Dictionary<(string Bucket, string Name), byte[]> Objects { get; } = [];

        public Task<Stream?> OpenReadAsync(string bucket, string objectName, CancellationToken cancellationToken) =>
            Task.FromResult<Stream?>(Objects.TryGetValue((bucket, objectName), out var bytes) ? new MemoryStream(bytes) : null);
    }
}
