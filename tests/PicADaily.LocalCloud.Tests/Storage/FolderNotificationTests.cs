using PicADaily.LocalCloud.Tests.Support;
using static PicADaily.LocalCloud.Tests.Storage.NotificationTestSupport;

namespace PicADaily.LocalCloud.Tests.Storage;

/// <summary>The bucket folder as an interface: files dropped, replaced or deleted there produce the same events as API calls.</summary>
public sealed class FolderNotificationTests
{
    [Fact]
    public async Task A_file_dropped_into_the_bucket_folder_becomes_an_object_with_one_finalize()
    {
        var publisher = new RecordingPublisher();
        await using var cloud = await StorageTestCloud.StartAsync(publisher);
        var client = StorageTestCloud.Client(cloud);
        var config = await CreateBucketWithNotificationAsync(client, "pictures");
        var folder = Path.Combine(StorageTestCloud.BucketFolder(cloud, "pictures"), "holiday 2026");
        Directory.CreateDirectory(folder);

        // Start and end markers of a JPEG: whole as far as the scanner can tell (a cut-off picture waits longer).
        await File.WriteAllBytesAsync(Path.Combine(folder, "beach ü.jpg"), [0xFF, 0xD8, 0xFF, 0xD9]);
        var message = Assert.Single(await publisher.WaitForAsync(m => m.Count >= 1));
        var stored = await client.GetObjectAsync("pictures", "holiday 2026/beach ü.jpg");

        AssertAttributes(message, "OBJECT_FINALIZE", "pictures", "holiday 2026/beach ü.jpg", stored.Generation, config.Id);
        AssertPayloadIsObject(message, "pictures", "holiday 2026/beach ü.jpg", stored.Generation, 4);
        Assert.Equal("image/jpeg", stored.ContentType);
        using var downloaded = new MemoryStream();
        await client.DownloadObjectAsync("pictures", "holiday 2026/beach ü.jpg", downloaded);
        Assert.Equal([0xFF, 0xD8, 0xFF, 0xD9], downloaded.ToArray());
    }

    [Fact]
    public async Task Replacing_and_then_deleting_a_file_in_the_folder_publishes_overwrite_and_delete_events()
    {
        var publisher = new RecordingPublisher();
        await using var cloud = await StorageTestCloud.StartAsync(publisher);
        var client = StorageTestCloud.Client(cloud);
        var config = await CreateBucketWithNotificationAsync(client, "pictures");
        var first = await client.UploadObjectAsync("pictures", "p.jpg", "image/jpeg", new MemoryStream([1]));
        await publisher.WaitForAsync(m => m.Count >= 1);
        var path = Path.Combine(StorageTestCloud.BucketFolder(cloud, "pictures"), "p.jpg");

        await File.WriteAllBytesAsync(path, [2, 2]);
        var overwrite = (await publisher.WaitForAsync(m => m.Count >= 3)).Skip(1).ToList();
        var second = await client.GetObjectAsync("pictures", "p.jpg");
        File.Delete(path);
        var deleted = (await publisher.WaitForAsync(m => m.Count >= 4)).Last();

        AssertAttributes(overwrite.Single(m => m.EventType == "OBJECT_FINALIZE"), "OBJECT_FINALIZE", "pictures", "p.jpg", second.Generation, config.Id,
            related: ("overwroteGeneration", first.Generation));
        AssertAttributes(overwrite.Single(m => m.EventType == "OBJECT_DELETE"), "OBJECT_DELETE", "pictures", "p.jpg", first.Generation, config.Id,
            related: ("overwrittenByGeneration", second.Generation));
        AssertAttributes(deleted, "OBJECT_DELETE", "pictures", "p.jpg", second.Generation, config.Id);
        AssertPayloadIsObject(deleted, "pictures", "p.jpg", second.Generation, 2);
        Assert.True(second.Generation > first.Generation);
        await Assert.ThrowsAsync<Google.GoogleApiException>(() => client.GetObjectAsync("pictures", "p.jpg"));
    }

    [Fact]
    public async Task A_large_file_copied_slowly_is_announced_exactly_once_after_it_is_complete()
    {
        var publisher = new RecordingPublisher();
        var clock = new HeldClock(DateTimeOffset.UtcNow);
        await using var cloud = await StorageTestCloud.StartAsync(publisher, configure: StorageTestCloud.ScannerOn(clock));
        var client = StorageTestCloud.Client(cloud);
        await CreateBucketWithNotificationAsync(client, "pictures");
        var content = StorageTestCloud.RandomBytes(4 * 1024 * 1024, seed: 11);
        var path = Path.Combine(StorageTestCloud.BucketFolder(cloud, "pictures"), "slow.bin");
        var step = StorageTestCloud.SettleInterval / 4;

        // A slow copy: on the scanner's clock the chunks arrive well within the settle interval of each
        // other, for several settle intervals in total, however long the machine really takes. The real
        // pause lets the scanner look at the half-written file in between.
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            for (var offset = 0; offset < content.Length; offset += content.Length / 16)
            {
                await file.WriteAsync(content.AsMemory(offset, content.Length / 16));
                await file.FlushAsync();
                clock.Advance(step);
                await Task.Delay(step);
            }
        }

        await Eventually.UntilAsync(() => { clock.Advance(step); return publisher.Messages.Count >= 1; }, TimeSpan.FromSeconds(20), "slow.bin announced once it stays unchanged", step);
        var finalize = Assert.Single(publisher.Messages);
        Assert.Equal("slow.bin", finalize.ObjectId);
        Assert.Equal(content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), finalize.Payload["size"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(content)), finalize.Payload["md5Hash"]!.GetValue<string>());

        // A file dropped afterwards is announced only after it settles; by then a repeat for slow.bin would have shown up.
        await File.WriteAllBytesAsync(Path.Combine(StorageTestCloud.BucketFolder(cloud, "pictures"), "marker.txt"), [1]);
        await Eventually.UntilAsync(() => { clock.Advance(step); return publisher.Messages.Any(x => x.ObjectId == "marker.txt"); }, TimeSpan.FromSeconds(20), "marker.txt announced", step);
        Assert.Equal(["slow.bin", "marker.txt"], publisher.Messages.Select(m => m.ObjectId));
    }

    [Fact]
    public async Task Files_whose_names_cannot_be_object_names_are_ignored_and_the_rest_still_work()
    {
        var publisher = new RecordingPublisher();
        await using var cloud = await StorageTestCloud.StartAsync(publisher);
        var client = StorageTestCloud.Client(cloud);
        await CreateBucketWithNotificationAsync(client, "pictures");
        var folder = StorageTestCloud.BucketFolder(cloud, "pictures");

        await File.WriteAllBytesAsync(Path.Combine(folder, "back\\slash.jpg"), [1]);
        await File.WriteAllBytesAsync(Path.Combine(folder, "fine.jpg"), [2]);
        var messages = await publisher.WaitForAsync(m => m.Any(x => x.ObjectId == "fine.jpg"));

        Assert.Equal(["fine.jpg"], messages.Select(m => m.ObjectId));
        Assert.Equal(["fine.jpg"], client.ListObjects("pictures").Select(o => o.Name));
    }
}
