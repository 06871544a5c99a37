using System.Text;

using static PicADaily.LocalCloud.Tests.Storage.NotificationTestSupport;

using StorageObject = Google.Apis.Storage.v1.Data.Object;

namespace PicADaily.LocalCloud.Tests.Storage;

/// <summary>Notifications for changes made through the JSON API, checked attribute by attribute (as Cloud Storage documents its Pub/Sub notifications).</summary>
public sealed class ApiNotificationTests
{
    [Fact]
    public async Task An_upload_publishes_one_finalize_with_exact_attributes_and_the_object_resource_as_payload()
    {
        var publisher = new RecordingPublisher();
        await using var cloud = await StorageTestCloud.StartAsync(publisher);
        var client = StorageTestCloud.Client(cloud);
        var config = await CreateBucketWithNotificationAsync(client, "pictures", customAttributes: new Dictionary<string, string> { ["env"] = "dev" });

        var uploaded = await client.UploadObjectAsync(
            new StorageObject { Bucket = "pictures", Name = "a/cat.jpg", ContentType = "image/jpeg", Metadata = new Dictionary<string, string> { ["by"] = "u-42" } },
            new MemoryStream(Encoding.UTF8.GetBytes("meow")));
        var message = Assert.Single(await publisher.WaitForAsync(m => m.Count >= 1));

        AssertAttributes(message, "OBJECT_FINALIZE", "pictures", "a/cat.jpg", uploaded.Generation, config.Id, custom: new Dictionary<string, string> { ["env"] = "dev" });
        AssertPayloadIsObject(message, "pictures", "a/cat.jpg", uploaded.Generation, 4);
        Assert.Equal("image/jpeg", message.Payload["contentType"]!.GetValue<string>());
        Assert.Equal("u-42", message.Payload["metadata"]!["by"]!.GetValue<string>());
        Assert.Equal(uploaded.Md5Hash, message.Payload["md5Hash"]!.GetValue<string>());
        Assert.Equal(uploaded.Crc32c, message.Payload["crc32c"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_overwrite_publishes_finalize_of_the_new_and_delete_of_the_old_generation_cross_referenced()
    {
        var publisher = new RecordingPublisher();
        await using var cloud = await StorageTestCloud.StartAsync(publisher);
        var client = StorageTestCloud.Client(cloud);
        var config = await CreateBucketWithNotificationAsync(client, "pictures");
        var first = await client.UploadObjectAsync("pictures", "p.jpg", "image/jpeg", new MemoryStream([1, 1]));
        await publisher.WaitForAsync(m => m.Count >= 1);

        var second = await client.UploadObjectAsync("pictures", "p.jpg", "image/jpeg", new MemoryStream([2, 2, 2]));
        var messages = (await publisher.WaitForAsync(m => m.Count >= 3)).Skip(1).ToList();

        Assert.Equal(2, messages.Count);
        var finalize = Assert.Single(messages, m => m.EventType == "OBJECT_FINALIZE");
        var delete = Assert.Single(messages, m => m.EventType == "OBJECT_DELETE");
        AssertAttributes(finalize, "OBJECT_FINALIZE", "pictures", "p.jpg", second.Generation, config.Id, related: ("overwroteGeneration", first.Generation));
        AssertAttributes(delete, "OBJECT_DELETE", "pictures", "p.jpg", first.Generation, config.Id, related: ("overwrittenByGeneration", second.Generation));
        AssertPayloadIsObject(finalize, "pictures", "p.jpg", second.Generation, 3);
        AssertPayloadIsObject(delete, "pictures", "p.jpg", first.Generation, 2);
    }

    [Fact]
    public async Task A_delete_publishes_object_delete_without_overwrittenByGeneration()
    {
        var publisher = new RecordingPublisher();
        await using var cloud = await StorageTestCloud.StartAsync(publisher);
        var client = StorageTestCloud.Client(cloud);
        var config = await CreateBucketWithNotificationAsync(client, "pictures");
        var uploaded = await client.UploadObjectAsync("pictures", "d.jpg", null, new MemoryStream([1]));

        await client.DeleteObjectAsync("pictures", "d.jpg");
        var delete = (await publisher.WaitForAsync(m => m.Count >= 2)).Single(m => m.EventType == "OBJECT_DELETE");

        AssertAttributes(delete, "OBJECT_DELETE", "pictures", "d.jpg", uploaded.Generation, config.Id);
        AssertPayloadIsObject(delete, "pictures", "d.jpg", uploaded.Generation, 1);
    }

    [Fact]
    public async Task A_metadata_patch_publishes_object_metadata_update_with_the_new_metageneration()
    {
        var publisher = new RecordingPublisher();
        await using var cloud = await StorageTestCloud.StartAsync(publisher);
        var client = StorageTestCloud.Client(cloud);
        var config = await CreateBucketWithNotificationAsync(client, "pictures");
        var uploaded = await client.UploadObjectAsync("pictures", "m.jpg", null, new MemoryStream([1]));

        await client.PatchObjectAsync(new StorageObject { Bucket = "pictures", Name = "m.jpg", Metadata = new Dictionary<string, string> { ["k"] = "v" } });
        var update = (await publisher.WaitForAsync(m => m.Count >= 2)).Single(m => m.EventType == "OBJECT_METADATA_UPDATE");

        AssertAttributes(update, "OBJECT_METADATA_UPDATE", "pictures", "m.jpg", uploaded.Generation, config.Id);
        Assert.Equal("2", update.Payload["metageneration"]!.GetValue<string>());
        Assert.Equal("v", update.Payload["metadata"]!["k"]!.GetValue<string>());
    }

    [Fact]
    public async Task Configs_filter_by_event_type_and_prefix_and_NONE_sends_attributes_only()
    {
        var publisher = new RecordingPublisher();
        await using var cloud = await StorageTestCloud.StartAsync(publisher);
        var client = StorageTestCloud.Client(cloud);
        var config = await CreateBucketWithNotificationAsync(client, "pictures", payloadFormat: "NONE", eventTypes: ["OBJECT_DELETE"], prefix: "keep/");

        await client.UploadObjectAsync("pictures", "keep/a.jpg", null, new MemoryStream([1]));
        var other = await client.UploadObjectAsync("pictures", "other/b.jpg", null, new MemoryStream([1]));
        var kept = await client.UploadObjectAsync("pictures", "keep/c.jpg", null, new MemoryStream([1]));
        await client.DeleteObjectAsync("pictures", "other/b.jpg");
        await client.DeleteObjectAsync("pictures", "keep/c.jpg");
        var message = Assert.Single(await publisher.WaitForAsync(m => m.Count >= 1));

        AssertAttributes(message, "OBJECT_DELETE", "pictures", "keep/c.jpg", kept.Generation, config.Id, payloadFormat: "NONE");
        Assert.Empty(message.Data);
        Assert.NotEqual(other.Generation, kept.Generation);

        // A later event proves nothing else was queued before it: the outbox is published in order.
        await client.UploadObjectAsync("pictures", "keep/marker.jpg", null, new MemoryStream([1]));
        await client.DeleteObjectAsync("pictures", "keep/marker.jpg");
        var all = await publisher.WaitForAsync(m => m.Any(x => x.ObjectId == "keep/marker.jpg"));
        Assert.Equal(["keep/c.jpg", "keep/marker.jpg"], all.Select(m => m.ObjectId));
    }
}
