using System.Net;

using Google;

using Microsoft.Extensions.DependencyInjection;

using PicADaily.LocalCloud.Storage;
using PicADaily.LocalCloud.Storage.State;

using Notification = Google.Apis.Storage.v1.Data.Notification;

namespace PicADaily.LocalCloud.Tests.Storage;

public sealed class NotificationConfigTests
{
    [Fact]
    public async Task Notification_configs_can_be_created_listed_read_and_deleted_through_the_official_client()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        var created = await NotificationTestSupport.CreateBucketWithNotificationAsync(client, "pictures",
            eventTypes: ["OBJECT_FINALIZE", "OBJECT_DELETE"], prefix: "dir/", customAttributes: new Dictionary<string, string> { ["env"] = "dev" });

        var listed = await client.ListNotificationsAsync("pictures");
        var fetched = await client.GetNotificationAsync("pictures", created.Id);
        await client.DeleteNotificationAsync("pictures", created.Id);
        var afterDelete = await client.ListNotificationsAsync("pictures");
        var missing = await Assert.ThrowsAsync<GoogleApiException>(() => client.GetNotificationAsync("pictures", created.Id));

        Assert.False(string.IsNullOrEmpty(created.Id));
        Assert.Equal("//pubsub.googleapis.com/" + NotificationTestSupport.Topic, fetched.Topic);
        Assert.Equal("JSON_API_V1", fetched.PayloadFormat);
        Assert.Equal(["OBJECT_FINALIZE", "OBJECT_DELETE"], fetched.EventTypes);
        Assert.Equal("dir/", fetched.ObjectNamePrefix);
        Assert.Equal("dev", fetched.CustomAttributes["env"]);
        Assert.Equal([created.Id], listed.Select(n => n.Id));
        Assert.Empty(afterDelete);
        Assert.Equal(HttpStatusCode.NotFound, missing.HttpStatusCode);
    }

    [Fact]
    public async Task A_config_with_a_malformed_topic_or_unknown_event_type_is_refused_with_400()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");

        var badTopic = await Assert.ThrowsAsync<GoogleApiException>(() =>
            client.CreateNotificationAsync("pictures", new Notification { Topic = "picture-events", PayloadFormat = "NONE" }));
        var badEvent = await Assert.ThrowsAsync<GoogleApiException>(() =>
            client.CreateNotificationAsync("pictures", new Notification { Topic = NotificationTestSupport.Topic, PayloadFormat = "NONE", EventTypes = ["OBJECT_EXPLODE"] }));

        Assert.Equal(HttpStatusCode.BadRequest, badTopic.HttpStatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badEvent.HttpStatusCode);
        Assert.Empty(await client.ListNotificationsAsync("pictures"));
    }

    [Fact]
    public async Task The_bucket_provisioner_is_idempotent_and_its_configs_fire()
    {
        var publisher = new RecordingPublisher();
        await using var cloud = await StorageTestCloud.StartAsync(publisher);
        var provisioner = cloud.Services.GetRequiredService<IBucketProvisioner>();
        var client = StorageTestCloud.Client(cloud);

        await provisioner.EnsureBucketAsync("pictures", CancellationToken.None);
        await provisioner.EnsureBucketAsync("pictures", CancellationToken.None);
        await provisioner.EnsureNotificationAsync("pictures", NotificationTestSupport.Topic, ["OBJECT_FINALIZE"], "JSON_API_V1", CancellationToken.None);
        await provisioner.EnsureNotificationAsync("pictures", "//pubsub.googleapis.com/" + NotificationTestSupport.Topic, ["OBJECT_FINALIZE"], "JSON_API_V1", CancellationToken.None);
        var uploaded = await client.UploadObjectAsync("pictures", "p.jpg", "image/jpeg", new MemoryStream([1]));
        var messages = await publisher.WaitForAsync(m => m.Count >= 1);

        Assert.Single(await client.ListNotificationsAsync("pictures"));
        Assert.True(Directory.Exists(StorageTestCloud.BucketFolder(cloud, "pictures")));
        Assert.Equal(NotificationTestSupport.Generation(uploaded.Generation), Assert.Single(messages).Attributes["objectGeneration"]);
    }

    [Fact]
    public async Task The_object_reader_opens_live_objects_and_returns_null_for_missing_ones()
    {
        await using var cloud = await StorageTestCloud.StartAsync();
        var client = StorageTestCloud.Client(cloud);
        await client.CreateBucketAsync("p", "pictures");
        await client.UploadObjectAsync("pictures", "dir/r.bin", null, new MemoryStream([4, 5, 6]));
        var reader = cloud.Services.GetRequiredService<IObjectReader>();

        await using var stream = await reader.OpenReadAsync("pictures", "dir/r.bin", CancellationToken.None);
        using var copy = new MemoryStream();
        await stream!.CopyToAsync(copy);

        Assert.Equal([4, 5, 6], copy.ToArray());
        Assert.Null(await reader.OpenReadAsync("pictures", "missing", CancellationToken.None));
        Assert.Null(await reader.OpenReadAsync("nowhere", "dir/r.bin", CancellationToken.None));
        Assert.Null(await reader.OpenReadAsync("pictures", "../storage/index.db", CancellationToken.None));
    }
}
