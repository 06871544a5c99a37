using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PicADaily.LocalCloud.Storage.Http;

namespace PicADaily.LocalCloud.Tests.Storage;

/// <summary>What a person with curl does: media and multipart uploads, gzip JSON, and Google-shaped errors.</summary>
public sealed class SimpleUploadTests
{
    [Fact]
    public async Task A_media_upload_stores_the_body_under_the_query_name_with_its_content_type()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        await StorageTestCloud.Client(cloud).CreateBucketAsync("p", "pictures");
        using var http = new HttpClient { BaseAddress = cloud.BaseUri };
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes("curl bytes"));
        body.Headers.ContentType = new MediaTypeHeaderValue("text/plain");

        var response = await http.PostAsync("/upload/storage/v1/b/pictures/o?uploadType=media&name=curl%2Fa%20b.txt", body);
        var resource = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var downloaded = await http.GetStringAsync("/storage/v1/b/pictures/o/curl%2Fa%20b.txt?alt=media");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("curl/a b.txt", resource["name"]!.GetValue<string>());
        Assert.Equal("text/plain", resource["contentType"]!.GetValue<string>());
        Assert.Equal("10", resource["size"]!.GetValue<string>());
        Assert.Equal("curl bytes", downloaded);
        Assert.Equal("curl bytes", await http.GetStringAsync(resource["mediaLink"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_multipart_upload_takes_name_and_metadata_from_the_json_part()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        await StorageTestCloud.Client(cloud).CreateBucketAsync("p", "pictures");
        using var http = new HttpClient { BaseAddress = cloud.BaseUri };
        var content = new MultipartContent("related");
        content.Add(new StringContent("""{"name":"m/p.jpg","metadata":{"owner":"me"}}""", Encoding.UTF8, "application/json"));
        var media = new ByteArrayContent([0xFF, 0xD8, 0xFF]);
        media.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        content.Add(media);

        var response = await http.PostAsync("/upload/storage/v1/b/pictures/o?uploadType=multipart", content);
        var resource = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", resource["contentType"]!.GetValue<string>());
        Assert.Equal("me", resource["metadata"]!["owner"]!.GetValue<string>());
        Assert.Equal([0xFF, 0xD8, 0xFF], await http.GetByteArrayAsync("/storage/v1/b/pictures/o/m%2Fp.jpg?alt=media"));
    }

    [Fact]
    public async Task A_resumable_chunk_with_a_wrong_crc32c_is_rejected_with_400_and_creates_nothing()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        await StorageTestCloud.Client(cloud).CreateBucketAsync("p", "pictures");
        using var http = new HttpClient { BaseAddress = cloud.BaseUri };
        var start = await http.PostAsync("/upload/storage/v1/b/pictures/o?uploadType=resumable", Gzip("""{"name":"bad.bin"}"""));
        var put = new HttpRequestMessage(HttpMethod.Put, start.Headers.Location) { Content = new ByteArrayContent([1, 2, 3]) };
        put.Content.Headers.ContentRange = new ContentRangeHeaderValue(0, 2, 3);
        put.Headers.Add("x-goog-hash", "crc32c=AAAAAA==");

        var response = await http.SendAsync(put);
        var missing = await http.GetAsync("/storage/v1/b/pictures/o/bad.bin");

        Assert.True(start.Headers.Location!.IsAbsoluteUri);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("crc32c", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(StorageTestCloud.BucketFolder(cloud, "pictures")));
    }

    [Fact]
    public async Task A_resumable_status_query_reports_the_persisted_range()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        await StorageTestCloud.Client(cloud).CreateBucketAsync("p", "pictures");
        using var http = new HttpClient { BaseAddress = cloud.BaseUri };
        var start = await http.PostAsync("/upload/storage/v1/b/pictures/o?uploadType=resumable", Gzip("""{"name":"r.bin"}"""));
        var chunk = new HttpRequestMessage(HttpMethod.Put, start.Headers.Location) { Content = new ByteArrayContent(new byte[262144]) };
        chunk.Content.Headers.ContentRange = ContentRangeHeaderValue.Parse("bytes 0-262143/*");
        var query = new HttpRequestMessage(HttpMethod.Put, start.Headers.Location) { Content = new ByteArrayContent([]) };
        query.Content.Headers.ContentRange = ContentRangeHeaderValue.Parse("bytes */*");

        var first = await http.SendAsync(chunk);
        var status = await http.SendAsync(query);

        Assert.Equal(308, (int)first.StatusCode);
        Assert.Equal(308, (int)status.StatusCode);
        Assert.Equal("bytes=0-262143", status.Headers.GetValues("Range").Single());
    }

    [Fact]
    public async Task Errors_use_the_google_json_error_shape()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        using var http = new HttpClient { BaseAddress = cloud.BaseUri };

        var response = await http.GetAsync("/storage/v1/b/nope/o/x");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, error["code"]!.GetValue<int>());
        Assert.Equal("notFound", error["errors"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal("global", error["errors"]![0]!["domain"]!.GetValue<string>());
    }

    private static ByteArrayContent Gzip(string json)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }
}
