using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

using Google;

namespace PicADaily.LocalCloud.Tests.Storage;

/// <summary>Hostile object and bucket names get a clear 400 and touch nothing outside the bucket folder.</summary>
public sealed class ObjectNameSafetyTests
{
    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("a/../../escape.txt")]
    [InlineData("/tmp/escape.txt")]
    [InlineData("..\\escape.txt")]
    [InlineData("./escape.txt")]
    [InlineData("dir/")]
    public async Task Escape_attempts_through_every_upload_kind_get_400_and_write_nothing_outside_the_bucket(string name)
    {
        var root = Path.Combine(Path.GetTempPath(), "picadaily-localcloud-tests", Guid.NewGuid().ToString("N"));
        await using var cloud = await StorageTestCloud.StartAsync(dataPath: Path.Combine(root, "data", "cloud"));
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");
        using var http = new HttpClient { BaseAddress = cloud.BaseUri };
        var encoded = Uri.EscapeDataString(name);

        var official = await Assert.ThrowsAsync<GoogleApiException>(() => client.UploadObjectAsync("pictures", name, null, new MemoryStream([1])));
        var media = await http.PostAsync($"/upload/storage/v1/b/pictures/o?uploadType=media&name={encoded}", new ByteArrayContent([1]));
        var multipart = await http.PostAsync("/upload/storage/v1/b/pictures/o?uploadType=multipart", Multipart(name));
        var read = await http.GetAsync($"/storage/v1/b/pictures/o/{encoded}?alt=media");

        Assert.Equal(HttpStatusCode.BadRequest, official.HttpStatusCode);
        Assert.False(string.IsNullOrWhiteSpace(official.Error.Message));
        foreach (var response in new[] { media, multipart, read })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
            Assert.Equal(400, error["code"]!.GetValue<int>());
            Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(StorageTestCloud.BucketFolder(cloud, "pictures")));
        Assert.Empty(Directory.EnumerateFiles(root, "escape*", SearchOption.AllDirectories));
        Assert.Equal([Path.Combine(root, "data", "cloud")], Directory.EnumerateFileSystemEntries(Path.Combine(root, "data")));
    }

    [Fact]
    public async Task Reading_the_index_through_a_relative_bucket_or_object_name_is_refused()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");
        using var http = new HttpClient { BaseAddress = cloud.BaseUri };

        var viaObject = await http.GetAsync("/storage/v1/b/pictures/o/..%2F..%2Fstorage%2Findex.db?alt=media");
        var viaBucket = await http.GetAsync("/storage/v1/b/..%2Fstorage/o/index.db?alt=media");
        var viaDots = await http.GetAsync("/storage/v1/b/../o/storage%2Findex.db?alt=media");

        Assert.Equal(HttpStatusCode.BadRequest, viaObject.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, viaBucket.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, viaDots.StatusCode);
    }

    [Fact]
    public async Task Names_with_control_characters_and_overlong_segments_get_400_with_a_message()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");

        foreach (var name in new[] { "nul\0.txt", "line\n.txt", new string('a', 256), string.Join('/', Enumerable.Repeat(new string('b', 200), 6)) })
        {
            var failure = await Assert.ThrowsAsync<GoogleApiException>(() => client.UploadObjectAsync("pictures", name, null, new MemoryStream([1])));
            Assert.Equal(HttpStatusCode.BadRequest, failure.HttpStatusCode);
            Assert.False(string.IsNullOrWhiteSpace(failure.Error.Message));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(StorageTestCloud.BucketFolder(cloud, "pictures")));
    }

    [Fact]
    public async Task A_name_that_needs_an_existing_object_to_be_a_folder_gets_400_and_leaves_the_object_alone()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");
        await client.UploadObjectAsync("pictures", "a", null, new MemoryStream([1]));

        var failure = await Assert.ThrowsAsync<GoogleApiException>(() => client.UploadObjectAsync("pictures", "a/b", null, new MemoryStream([2])));

        Assert.Equal(HttpStatusCode.BadRequest, failure.HttpStatusCode);
        Assert.Contains("folder", failure.Error.Message, StringComparison.Ordinal);
        Assert.Equal([1], await File.ReadAllBytesAsync(Path.Combine(StorageTestCloud.BucketFolder(cloud, "pictures"), "a")));
    }

    [Fact]
    public async Task A_symbolic_link_in_the_bucket_folder_is_never_followed_for_writes_reads_or_announcements()
    {
        var publisher = new RecordingPublisher();
        var root = Path.Combine(Path.GetTempPath(), "picadaily-localcloud-tests", Guid.NewGuid().ToString("N"));
        var outside = Directory.CreateDirectory(Path.Combine(root, "outside")).FullName;
        await File.WriteAllTextAsync(Path.Combine(outside, "secret.txt"), "secret");
        await using var cloud = await StorageTestCloud.StartAsync(publisher, Path.Combine(root, "data"));
        var client = StorageTestCloud.Client(cloud);
        await NotificationTestSupport.CreateBucketWithNotificationAsync(client, "pictures");
        var folder = StorageTestCloud.BucketFolder(cloud, "pictures");
        Directory.CreateSymbolicLink(Path.Combine(folder, "link"), outside);
        File.CreateSymbolicLink(Path.Combine(folder, "secret-link.txt"), Path.Combine(outside, "secret.txt"));

        var write = await Assert.ThrowsAsync<GoogleApiException>(() => client.UploadObjectAsync("pictures", "link/planted.txt", null, new MemoryStream([1])));
        await File.WriteAllBytesAsync(Path.Combine(folder, "marker.jpg"), [1]);
        var messages = await publisher.WaitForAsync(m => m.Any(x => x.ObjectId == "marker.jpg"));

        Assert.Equal(HttpStatusCode.BadRequest, write.HttpStatusCode);
        Assert.Equal(["secret.txt"], Directory.EnumerateFiles(outside).Select(Path.GetFileName));
        Assert.Equal(["marker.jpg"], messages.Select(m => m.ObjectId));
        Assert.Equal(["marker.jpg"], client.ListObjects("pictures").Select(o => o.Name));
    }

    private static MultipartContent Multipart(string name)
    {
        var content = new MultipartContent("related");
        content.Add(new StringContent(new JsonObject { ["name"] = name }.ToJsonString(), Encoding.UTF8, "application/json"));
        var media = new ByteArrayContent([1]);
        media.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(media);
        return content;
    }
}
