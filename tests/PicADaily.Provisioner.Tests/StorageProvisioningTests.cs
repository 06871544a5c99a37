using System.Text.Json.Nodes;
using PicADaily.Contracts.Topology;
using PicADaily.Provisioner.Tests.Support;

namespace PicADaily.Provisioner.Tests;

public sealed class StorageProvisioningTests
{
    private static readonly Topology Declared = TopologyLoader.Load(Repository.File("infra", "topology.json"));

    private static readonly ProvisioningSettings Settings = new()
    {
        Endpoints = Declared.Subscriptions.Select(s => s.Service).Distinct().ToDictionary(s => s, s => new Uri($"http://{s}:8080")),
        ShortNotificationTopics = true,
    };

    [Fact]
    public async Task Buckets_and_the_notification_are_created_once_and_a_second_run_changes_nothing()
    {
        await using var pubSub = await LocalCloudPubSub.StartAsync();
        await using var storage = await FakeGcsNotifications.StartAsync();
        var provisioner = new TopologyProvisioner(pubSub.Admin, storage.Client);

        var first = await provisioner.ApplyAsync(Declared, LocalCloudPubSub.Project, Settings, CancellationToken.None);
        var second = await provisioner.ApplyAsync(Declared, LocalCloudPubSub.Project, Settings, CancellationToken.None);

        Assert.Equal(["pictures", "thumbnails"], storage.Buckets.Keys.Order());
        var notification = Assert.Single(storage.Notifications["pictures"]);
        Assert.Equal("projects/picadaily-local/topics/picture-events", notification["topic"]!.GetValue<string>());
        Assert.Equal(["OBJECT_FINALIZE", "OBJECT_DELETE"], notification["event_types"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal("JSON_API_V1", notification["payload_format"]!.GetValue<string>());
        Assert.Contains(first.Changes, c => c.Contains("notification pictures", StringComparison.Ordinal));
        Assert.True(second.NoChanges, string.Join("; ", second.Changes.Concat(second.Problems)));
    }

    [Fact]
    public async Task Buckets_are_created_private_under_their_real_names()
    {
        await using var pubSub = await LocalCloudPubSub.StartAsync();
        await using var storage = await FakeGcsNotifications.StartAsync();
        var settings = Settings with { Buckets = new Dictionary<string, string> { ["pictures"] = "p1-pictures", ["thumbnails"] = "p1-thumbnails" } };

        await new TopologyProvisioner(pubSub.Admin, storage.Client).ApplyAsync(Declared, LocalCloudPubSub.Project, settings, CancellationToken.None);

        Assert.Equal(["p1-pictures", "p1-thumbnails"], storage.Buckets.Keys.Order());
        var iam = storage.Buckets["p1-pictures"]["iamConfiguration"]!;
        Assert.True(iam["uniformBucketLevelAccess"]!["enabled"]!.GetValue<bool>());
        Assert.Equal("enforced", iam["publicAccessPrevention"]!.GetValue<string>());
        Assert.Single(storage.Notifications["p1-pictures"]);
    }

    [Fact]
    public async Task On_google_cloud_the_notification_names_the_topic_in_full_and_is_recognised_on_the_next_run()
    {
        await using var pubSub = await LocalCloudPubSub.StartAsync();
        await using var storage = await FakeGcsNotifications.StartAsync();
        var settings = Settings with { ShortNotificationTopics = false };
        var provisioner = new TopologyProvisioner(pubSub.Admin, storage.Client);

        await provisioner.ApplyAsync(Declared, LocalCloudPubSub.Project, settings, CancellationToken.None);
        var second = await provisioner.ApplyAsync(Declared, LocalCloudPubSub.Project, settings, CancellationToken.None);

        Assert.Equal("//pubsub.googleapis.com/projects/picadaily-local/topics/picture-events", Assert.Single(storage.Notifications["pictures"])["topic"]!.GetValue<string>());
        Assert.True(second.NoChanges);
    }

    [Fact]
    public async Task A_notification_of_the_same_topic_with_other_event_types_is_reported_not_doubled()
    {
        await using var pubSub = await LocalCloudPubSub.StartAsync();
        await using var storage = await FakeGcsNotifications.StartAsync();
        storage.Buckets["pictures"] = new JsonObject { ["name"] = "pictures" };
        storage.Notifications["pictures"] = [new JsonObject
        {
            ["id"] = "1",
            ["topic"] = "projects/picadaily-local/topics/picture-events",
            ["event_types"] = new JsonArray("OBJECT_FINALIZE"),
            ["payload_format"] = "JSON_API_V1",
        }];

        var report = await new TopologyProvisioner(pubSub.Admin, storage.Client).ApplyAsync(Declared, LocalCloudPubSub.Project, Settings, CancellationToken.None);

        Assert.Single(storage.Notifications["pictures"]);
        Assert.Contains("delete it and run again", Assert.Single(report.Problems), StringComparison.Ordinal);
    }
}
