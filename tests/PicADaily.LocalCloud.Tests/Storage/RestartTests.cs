using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PicADaily.LocalCloud.PubSub;
using PicADaily.LocalCloud.Storage;
using PicADaily.LocalCloud.Storage.State;
using static PicADaily.LocalCloud.Tests.Storage.NotificationTestSupport;

namespace PicADaily.LocalCloud.Tests.Storage;

/// <summary>LocalCloud stopped and started again on the same data folder loses no notification and notices what changed meanwhile.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Notifications_that_could_not_be_published_are_retried_and_survive_a_restart()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "picadaily-localcloud-tests", Guid.NewGuid().ToString("N"));
        var failing = new RecordingPublisher { Failing = true };
        long? generation;
        string configId;
        await using (var cloud = await StorageTestCloud.StartAsync(failing, dataPath))
        {
            var client = StorageTestCloud.Client(cloud);
            configId = (await CreateBucketWithNotificationAsync(client, "pictures")).Id;
            generation = (await client.UploadObjectAsync("pictures", "kept.jpg", null, new MemoryStream([1]))).Generation;

            // A missing topic is retried with backoff, not dropped.
            await failing.WaitUntilAsync(() => failing.Attempts >= 3);
            using var session = cloud.Services.GetRequiredService<StorageIndex>().Open();
            Assert.Equal(1, session.OutboxCount());
        }

        var publisher = new RecordingPublisher();
        await using var restarted = await StorageTestCloud.StartAsync(publisher, dataPath);
        var message = Assert.Single(await publisher.WaitForAsync(m => m.Count >= 1));

        AssertAttributes(message, "OBJECT_FINALIZE", "pictures", "kept.jpg", generation, configId);
        Assert.Empty(failing.Messages);
    }

    [Fact]
    public async Task While_publishing_fails_notifications_wait_in_the_outbox_with_a_logged_reason_and_go_out_after_a_restart()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "picadaily-localcloud-tests", Guid.NewGuid().ToString("N"));
        var logs = new RecordingLoggerProvider();
        long? generation;
        await using (var cloud = await StorageTestCloud.StartAsync(null, dataPath, builder =>
        {
            builder.Services.RemoveAll<IMessagePublisher>();
            builder.Services.AddSingleton<IMessagePublisher, MissingTopicPublisher>();
            builder.Logging.AddProvider(logs);
        }))
        {
            var client = StorageTestCloud.Client(cloud);
            await CreateBucketWithNotificationAsync(client, "pictures");
            generation = (await client.UploadObjectAsync("pictures", "waiting.jpg", null, new MemoryStream([1]))).Generation;

            await logs.WaitUntilAsync(lines => lines.Count(l => l.Contains("it will be retried", StringComparison.Ordinal)) >= 2);
            using var session = cloud.Services.GetRequiredService<StorageIndex>().Open();
            Assert.Equal(1, session.OutboxCount());
        }

        var publisher = new RecordingPublisher();
        await using var restarted = await StorageTestCloud.StartAsync(publisher, dataPath);
        var message = Assert.Single(await publisher.WaitForAsync(m => m.Count >= 1));

        Assert.Equal(Generation(generation), message.Attributes["objectGeneration"]);
    }

    [Fact]
    public async Task Files_added_changed_and_deleted_while_LocalCloud_was_down_are_announced_at_start_up()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "picadaily-localcloud-tests", Guid.NewGuid().ToString("N"));
        var before = new RecordingPublisher();
        long? changedGeneration, goneGeneration;
        string configId;
        await using (var cloud = await StorageTestCloud.StartAsync(before, dataPath))
        {
            var client = StorageTestCloud.Client(cloud);
            configId = (await CreateBucketWithNotificationAsync(client, "pictures")).Id;
            changedGeneration = (await client.UploadObjectAsync("pictures", "changed.jpg", null, new MemoryStream([1]))).Generation;
            goneGeneration = (await client.UploadObjectAsync("pictures", "gone.jpg", null, new MemoryStream([1]))).Generation;
            await before.WaitForAsync(m => m.Count >= 2);
        }

        var folder = Path.Combine(dataPath, "buckets", "pictures");
        Directory.CreateDirectory(Path.Combine(folder, "new"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "new", "dropped.jpg"), [7, 7, 7]);
        await File.WriteAllBytesAsync(Path.Combine(folder, "changed.jpg"), [2, 2]);
        File.Delete(Path.Combine(folder, "gone.jpg"));

        var publisher = new RecordingPublisher();
        await using var restarted = await StorageTestCloud.StartAsync(publisher, dataPath);
        var messages = await publisher.WaitForAsync(m => m.Count >= 4);
        var client2 = StorageTestCloud.Client(restarted);
        var dropped = await client2.GetObjectAsync("pictures", "new/dropped.jpg");
        var changed = await client2.GetObjectAsync("pictures", "changed.jpg");

        Assert.Equal(4, messages.Count);
        AssertAttributes(messages.Single(m => m.ObjectId == "new/dropped.jpg"), "OBJECT_FINALIZE", "pictures", "new/dropped.jpg", dropped.Generation, configId);
        AssertAttributes(messages.Single(m => m.ObjectId == "changed.jpg" && m.EventType == "OBJECT_FINALIZE"), "OBJECT_FINALIZE", "pictures", "changed.jpg",
            changed.Generation, configId, related: ("overwroteGeneration", changedGeneration));
        AssertAttributes(messages.Single(m => m.ObjectId == "changed.jpg" && m.EventType == "OBJECT_DELETE"), "OBJECT_DELETE", "pictures", "changed.jpg",
            changedGeneration, configId, related: ("overwrittenByGeneration", changed.Generation));
        AssertAttributes(messages.Single(m => m.ObjectId == "gone.jpg"), "OBJECT_DELETE", "pictures", "gone.jpg", goneGeneration, configId);
        Assert.True(changed.Generation > goneGeneration);
    }
}

/// <summary>A Pub/Sub whose topic does not exist (yet): every publish fails as LocalCloud's own would.</summary>
internal sealed class MissingTopicPublisher : IMessagePublisher
{
    public Task<string> PublishAsync(string topic, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken) =>
        throw new KeyNotFoundException($"Topic {topic} does not exist.");
}
