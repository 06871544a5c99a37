using System.Net;
using System.Text;

using Google;
using Google.Cloud.Storage.V1;
using PicADaily.LocalCloud.Storage.Model;

using StorageObject = Google.Apis.Storage.v1.Data.Object;

namespace PicADaily.LocalCloud.Tests.Storage;

/// <summary>The official Google.Cloud.Storage.V1 client against LocalCloud, as the services use it.</summary>
public sealed class StorageClientTests
{
    [Fact]
    public async Task Buckets_can_be_created_read_listed_and_deleted_and_a_second_create_conflicts()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);

        var created = await client.CreateBucketAsync("picadaily-local", "photos");
        var fetched = await client.GetBucketAsync("photos");
        var listed = client.ListBuckets("picadaily-local").Select(b => b.Name).ToList();
        var conflict = await Assert.ThrowsAsync<GoogleApiException>(() => client.CreateBucketAsync("picadaily-local", "photos"));
        await client.DeleteBucketAsync("photos");
        var missing = await Assert.ThrowsAsync<GoogleApiException>(() => client.GetBucketAsync("photos"));

        Assert.Equal("photos", created.Name);
        Assert.Equal("photos", fetched.Name);
        Assert.Contains("photos", listed);
        Assert.Equal(HttpStatusCode.Conflict, conflict.HttpStatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.HttpStatusCode);
        Assert.False(Directory.Exists(StorageTestCloud.BucketFolder(cloud, "photos")));
    }

    [Fact]
    public async Task A_small_object_is_uploaded_as_a_plain_file_and_downloads_with_the_right_hashes()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");
        var content = Encoding.UTF8.GetBytes("hello, pictures");

        var uploaded = await client.UploadObjectAsync("pictures", "small.txt", "text/plain", new MemoryStream(content));
        var fetched = await client.GetObjectAsync("pictures", "small.txt");
        using var downloaded = new MemoryStream();
        await client.DownloadObjectAsync("pictures", "small.txt", downloaded);

        Assert.Equal(content, downloaded.ToArray());
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(StorageTestCloud.BucketFolder(cloud, "pictures"), "small.txt")));
        Assert.Equal((ulong)content.Length, uploaded.Size);
        Assert.Equal("text/plain", fetched.ContentType);
        Assert.Equal(uploaded.Generation, fetched.Generation);
        Assert.Equal(1, fetched.Metageneration);
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(content)), fetched.Md5Hash);
        Assert.Equal(Convert.ToBase64String(BitConverter.GetBytes(LocalCloud.Storage.Model.Crc32C.Compute(content)).Reverse().ToArray()), fetched.Crc32c);
    }

    [Fact]
    public async Task An_object_larger_than_one_upload_chunk_round_trips_intact()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");
        var content = StorageTestCloud.RandomBytes(12 * 1024 * 1024 + 123, seed: 7);

        var uploaded = await client.UploadObjectAsync("pictures", "big/photo.bin", "application/octet-stream", new MemoryStream(content));
        using var downloaded = new MemoryStream();
        await client.DownloadObjectAsync("pictures", "big/photo.bin", downloaded);

        Assert.Equal((ulong)content.Length, uploaded.Size);
        Assert.Equal(content, downloaded.ToArray());
    }

    [Fact]
    public async Task A_non_seekable_upload_in_small_chunks_round_trips_intact()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");
        var content = StorageTestCloud.RandomBytes(3 * 262144 + 5, seed: 8);

        await client.UploadObjectAsync("pictures", "stream.bin", null, new NonSeekableStream(content), new UploadObjectOptions { ChunkSize = 262144 });
        using var downloaded = new MemoryStream();
        await client.DownloadObjectAsync("pictures", "stream.bin", downloaded);

        Assert.Equal(content, downloaded.ToArray());
    }

    [Fact]
    public async Task An_empty_object_can_be_uploaded_and_downloaded()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");

        var uploaded = await client.UploadObjectAsync("pictures", "empty", null, new MemoryStream());
        using var downloaded = new MemoryStream();
        await client.DownloadObjectAsync("pictures", "empty", downloaded);

        Assert.Equal(0UL, uploaded.Size);
        Assert.Equal("AAAAAA==", uploaded.Crc32c);
        Assert.Empty(downloaded.ToArray());
    }

    [Fact]
    public async Task Names_with_slashes_spaces_and_unicode_are_stored_as_nested_files_and_read_back()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");
        string[] names = ["a/b c/ü.jpg", "日本語/名前.txt", "plus+sign&amp=x?y#z.txt", "percent%41.txt"];

        foreach (var name in names)
        {
            await client.UploadObjectAsync("pictures", name, null, new MemoryStream(Encoding.UTF8.GetBytes(name)));
        }

        foreach (var name in names)
        {
            using var downloaded = new MemoryStream();
            await client.DownloadObjectAsync("pictures", name, downloaded);
            Assert.Equal(name, Encoding.UTF8.GetString(downloaded.ToArray()));
            Assert.True(File.Exists(Path.Combine(StorageTestCloud.BucketFolder(cloud, "pictures"), name)), name);
        }

        Assert.Equal(names.Order(StringComparer.Ordinal), client.ListObjects("pictures").Select(o => o.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Listing_pages_through_every_object_once_and_rolls_up_prefixes_with_a_delimiter()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");
        var names = Enumerable.Range(0, 7).Select(i => $"dir/{i}.txt").Concat(["a/x.txt", "a/y.txt", "top1.txt", "top2.txt", "日本語/z.txt"]).ToList();
        foreach (var name in names)
        {
            await client.UploadObjectAsync("pictures", name, null, new MemoryStream([1]));
        }

        var paged = client.ListObjects("pictures", null, new ListObjectsOptions { PageSize = 3 }).Select(o => o.Name).ToList();
        var firstPage = client.ListObjects("pictures", "dir/").ReadPage(4);
        var rest = client.ListObjects("pictures", "dir/", new ListObjectsOptions { PageToken = firstPage.NextPageToken }).Select(o => o.Name).ToList();
        var raw = client.ListObjects("pictures", null, new ListObjectsOptions { Delimiter = "/", PageSize = 2 }).AsRawResponses().ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), paged);
        Assert.Equal(["dir/0.txt", "dir/1.txt", "dir/2.txt", "dir/3.txt"], firstPage.Select(o => o.Name));
        Assert.Equal(["dir/4.txt", "dir/5.txt", "dir/6.txt"], rest);
        Assert.Equal(["a/", "dir/", "日本語/"], raw.SelectMany(p => p.Prefixes ?? []));
        Assert.Equal(["top1.txt", "top2.txt"], raw.SelectMany(p => p.Items ?? []).Select(o => o.Name));
        Assert.Equal(3, raw.Count);
    }

    [Fact]
    public async Task Patching_merges_custom_metadata_removes_null_keys_and_bumps_the_metageneration()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");
        var original = await client.UploadObjectAsync(
            new StorageObject { Bucket = "pictures", Name = "m.txt", ContentType = "text/plain", Metadata = new Dictionary<string, string> { ["k1"] = "v1", ["k2"] = "v2" } },
            new MemoryStream([1, 2, 3]));

        var patched = await client.PatchObjectAsync(new StorageObject
        {
            Bucket = "pictures",
            Name = "m.txt",
            Metadata = new Dictionary<string, string> { ["k1"] = null!, ["ü-key"] = "ü value" },
        });
        var fetched = await client.GetObjectAsync("pictures", "m.txt");

        Assert.Equal(new Dictionary<string, string> { ["k2"] = "v2", ["ü-key"] = "ü value" }, fetched.Metadata);
        Assert.Equal(2, patched.Metageneration);
        Assert.Equal(original.Generation, fetched.Generation);
        Assert.Equal("text/plain", fetched.ContentType);
    }

    [Fact]
    public async Task UpdateObject_replaces_metadata_and_a_stale_metageneration_fails_with_412()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");
        var stale = await client.UploadObjectAsync(
            new StorageObject { Bucket = "pictures", Name = "u.txt", Metadata = new Dictionary<string, string> { ["old"] = "1" } }, new MemoryStream([1]));
        var current = await client.GetObjectAsync("pictures", "u.txt");
        current.Metadata = new Dictionary<string, string> { ["new"] = "2" };

        var updated = await client.UpdateObjectAsync(current, new UpdateObjectOptions());
        stale.Metadata = new Dictionary<string, string> { ["lost"] = "update" };
        var failure = await Assert.ThrowsAsync<GoogleApiException>(() => client.UpdateObjectAsync(stale, new UpdateObjectOptions()));

        Assert.Equal(new Dictionary<string, string> { ["new"] = "2" }, updated.Metadata);
        Assert.Equal(HttpStatusCode.PreconditionFailed, failure.HttpStatusCode);
        Assert.Equal("conditionNotMet", failure.Error.Errors[0].Reason);
    }

    [Fact]
    public async Task Upload_with_ifGenerationMatch_0_fails_when_object_exists()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");
        var first = await client.UploadObjectAsync("pictures", "once.txt", null, new MemoryStream([1]), new UploadObjectOptions { IfGenerationMatch = 0 });

        var failure = await Assert.ThrowsAsync<GoogleApiException>(() =>
            client.UploadObjectAsync("pictures", "once.txt", null, new MemoryStream([2]), new UploadObjectOptions { IfGenerationMatch = 0 }));
        var second = await client.UploadObjectAsync("pictures", "once.txt", null, new MemoryStream([3]), new UploadObjectOptions { IfGenerationMatch = first.Generation });
        var stale = await Assert.ThrowsAsync<GoogleApiException>(() =>
            client.UploadObjectAsync("pictures", "once.txt", null, new MemoryStream([4]), new UploadObjectOptions { IfGenerationMatch = first.Generation }));
        var notMatch = await Assert.ThrowsAsync<GoogleApiException>(() =>
            client.GetObjectAsync("pictures", "once.txt", new GetObjectOptions { IfGenerationNotMatch = second.Generation }));

        Assert.Equal(HttpStatusCode.PreconditionFailed, failure.HttpStatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.HttpStatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, notMatch.HttpStatusCode);
        Assert.True(second.Generation > first.Generation);
        Assert.Equal([3], await File.ReadAllBytesAsync(Path.Combine(StorageTestCloud.BucketFolder(cloud, "pictures"), "once.txt")));
    }

    [Fact]
    public async Task Generations_increase_strictly_across_rapid_overwrites_and_look_like_microsecond_timestamps()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");
        var before = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / 10;

        var generations = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            generations.Add((await client.UploadObjectAsync("pictures", i % 2 == 0 ? "x" : "y", null, new MemoryStream([(byte)i]))).Generation!.Value);
        }

        Assert.Equal(generations.Order(), generations);
        Assert.Equal(generations.Count, generations.Distinct().Count());
        Assert.InRange(generations[0], before, before + 60_000_000);
    }

    [Fact]
    public async Task Delete_removes_the_file_and_honours_generation_preconditions()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");
        var uploaded = await client.UploadObjectAsync("pictures", "dir/d.txt", null, new MemoryStream([1]));

        var wrong = await Assert.ThrowsAsync<GoogleApiException>(() =>
            client.DeleteObjectAsync("pictures", "dir/d.txt", new DeleteObjectOptions { IfGenerationMatch = uploaded.Generation + 1 }));
        await client.DeleteObjectAsync("pictures", "dir/d.txt", new DeleteObjectOptions { IfGenerationMatch = uploaded.Generation });
        var again = await Assert.ThrowsAsync<GoogleApiException>(() => client.DeleteObjectAsync("pictures", "dir/d.txt"));
        var get = await Assert.ThrowsAsync<GoogleApiException>(() => client.GetObjectAsync("pictures", "dir/d.txt"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, wrong.HttpStatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.HttpStatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.HttpStatusCode);
        Assert.False(Directory.Exists(Path.Combine(StorageTestCloud.BucketFolder(cloud, "pictures"), "dir")));
    }

    [Fact]
    public async Task Download_of_a_specific_generation_works_and_a_superseded_generation_is_not_found()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");
        var first = await client.UploadObjectAsync("pictures", "g.txt", null, new MemoryStream([1]));
        var second = await client.UploadObjectAsync("pictures", "g.txt", null, new MemoryStream([2]));

        using var current = new MemoryStream();
        await client.DownloadObjectAsync("pictures", "g.txt", current, new DownloadObjectOptions { Generation = second.Generation });
        var old = await Assert.ThrowsAsync<GoogleApiException>(() =>
            client.DownloadObjectAsync("pictures", "g.txt", new MemoryStream(), new DownloadObjectOptions { Generation = first.Generation }));

        Assert.Equal([2], current.ToArray());
        Assert.Equal(HttpStatusCode.NotFound, old.HttpStatusCode);
    }

    [Fact]
    public async Task A_ranged_download_returns_only_that_range()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");
        var content = StorageTestCloud.RandomBytes(1000, seed: 3);
        await client.UploadObjectAsync("pictures", "r.bin", null, new MemoryStream(content));

        using var downloaded = new MemoryStream();
        await client.DownloadObjectAsync("pictures", "r.bin", downloaded, new DownloadObjectOptions { Range = new System.Net.Http.Headers.RangeHeaderValue(100, 199) });

        Assert.Equal(content[100..200], downloaded.ToArray());
    }

    [Fact]
    public async Task CopyObject_creates_the_destination_with_the_source_bytes_and_metadata()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");
        await client.CreateBucketAsync("p", "thumbnails");
        await client.UploadObjectAsync(new StorageObject { Bucket = "pictures", Name = "src.txt", ContentType = "text/plain", Metadata = new Dictionary<string, string> { ["k"] = "v" } }, new MemoryStream([9, 8, 7]));

        var copied = await client.CopyObjectAsync("pictures", "src.txt", "thumbnails", "copies/dst.txt");
        using var downloaded = new MemoryStream();
        await client.DownloadObjectAsync("thumbnails", "copies/dst.txt", downloaded);

        Assert.Equal([9, 8, 7], downloaded.ToArray());
        Assert.Equal("text/plain", copied.ContentType);
        Assert.Equal("v", copied.Metadata["k"]);
    }

    [Fact]
    public async Task The_client_works_through_STORAGE_EMULATOR_HOST_with_EmulatorDetection()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var previous = Environment.GetEnvironmentVariable("STORAGE_EMULATOR_HOST");
        StorageClient client;
        try
        {
            Environment.SetEnvironmentVariable("STORAGE_EMULATOR_HOST", $"{cloud.BaseUri.Host}:{cloud.BaseUri.Port}");
            client = await new StorageClientBuilder { EmulatorDetection = Google.Api.Gax.EmulatorDetection.EmulatorOrProduction }.BuildAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("STORAGE_EMULATOR_HOST", previous);
        }

        await client.CreateBucketAsync("p", "pictures");
        await client.UploadObjectAsync("pictures", "e/m.txt", null, new MemoryStream([5]));
        using var downloaded = new MemoryStream();
        await client.DownloadObjectAsync("pictures", "e/m.txt", downloaded);

        Assert.Equal([5], downloaded.ToArray());
        Assert.Equal(["e/m.txt"], client.ListObjects("pictures").Select(o => o.Name));
    }

    [Fact]
    public async Task Unknown_buckets_and_objects_are_404()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");

        var upload = await Assert.ThrowsAsync<GoogleApiException>(() => client.UploadObjectAsync("nowhere", "x", null, new MemoryStream([1])));
        var get = await Assert.ThrowsAsync<GoogleApiException>(() => client.GetObjectAsync("pictures", "missing"));
        var download = await Assert.ThrowsAsync<GoogleApiException>(() => client.DownloadObjectAsync("pictures", "missing", new MemoryStream()));

        Assert.Equal(HttpStatusCode.NotFound, upload.HttpStatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.HttpStatusCode);
        Assert.Equal(HttpStatusCode.NotFound, download.HttpStatusCode);
    }

    private sealed class NonSeekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
