using System.Text.Json;
using PicADaily.Contracts.Topology;
using PicADaily.GoogleCloud.PubSub;
using PicADaily.Provisioner.Tests.Support;

namespace PicADaily.Provisioner.Tests;

public sealed class TopologyProvisionerTests
{
    private static readonly Topology Declared = TopologyLoader.Load(Repository.File("infra", "topology.json"));

    private static readonly ProvisioningSettings Compose = new()
    {
        Endpoints = new Dictionary<string, Uri>
        {
            ["image-analysis"] = new("http://image-analysis:8080"),
            ["thumbnail"] = new("http://thumbnail:8080"),
            ["collage"] = new("http://collage:8080"),
            ["garbage-collection"] = new("http://garbage-collection:8080"),
            ["frontend"] = new("http://frontend:8080"),
        },
        SkipStorage = true,
    };

    [Fact]
    public async Task Applying_the_topology_twice_yields_the_same_resources_and_the_second_run_changes_nothing()
    {
        await using var cloud = await LocalCloudPubSub.StartAsync();
        var provisioner = new TopologyProvisioner(cloud.Admin, storage: null);

        var first = await provisioner.ApplyAsync(Declared, LocalCloudPubSub.Project, Compose, CancellationToken.None);
        var afterFirst = await SnapshotAsync(cloud.Admin);
        var second = await provisioner.ApplyAsync(Declared, LocalCloudPubSub.Project, Compose, CancellationToken.None);
        var afterSecond = await SnapshotAsync(cloud.Admin);

        Assert.Equal(Declared.Topics.Count + Declared.Subscriptions.Count, first.Changes.Count);
        Assert.Empty(first.Problems);
        Assert.True(second.NoChanges, string.Join("; ", second.Changes.Concat(second.Problems)));
        Assert.Equal(afterFirst, afterSecond);
    }

    [Fact]
    public async Task The_whole_topology_with_buckets_and_notification_applied_twice_to_LocalCloud_changes_nothing_the_second_time()
    {
        await using var cloud = await LocalCloudPubSub.StartAsync();
        var provisioner = new TopologyProvisioner(cloud.Admin, cloud.Storage);
        var settings = Compose with { SkipStorage = false, ShortNotificationTopics = true };

        var first = await provisioner.ApplyAsync(Declared, LocalCloudPubSub.Project, settings, CancellationToken.None);
        var second = await provisioner.ApplyAsync(Declared, LocalCloudPubSub.Project, settings, CancellationToken.None);

        Assert.Empty(first.Problems);
        Assert.Equal(Declared.Topics.Count + Declared.Subscriptions.Count + Declared.Buckets.Count + Declared.Notifications.Count, first.Changes.Count);
        Assert.True(second.NoChanges, string.Join("; ", second.Changes.Concat(second.Problems)));
        foreach (var bucket in Declared.Buckets)
        {
            Assert.Equal(bucket, (await cloud.Storage.GetBucketAsync(bucket)).Name);
        }

        var notification = Assert.Single(await cloud.Storage.ListNotificationsAsync("pictures"));
        Assert.EndsWith("projects/picadaily-local/topics/picture-events", notification.Topic, StringComparison.Ordinal);
        Assert.Equal(["OBJECT_DELETE", "OBJECT_FINALIZE"], notification.EventTypes.Order());
    }

    [Fact]
    public async Task Every_declared_subscription_pushes_to_its_service_with_the_declared_policies()
    {
        await using var cloud = await LocalCloudPubSub.StartAsync();

        await new TopologyProvisioner(cloud.Admin, storage: null).ApplyAsync(Declared, LocalCloudPubSub.Project, Compose, CancellationToken.None);

        Assert.Equal(Declared.Topics.Select(cloud.Admin.TopicName).Order(), (await cloud.Admin.ListTopicsAsync(CancellationToken.None)).Select(t => t.Name).Order());
        foreach (var declared in Declared.Subscriptions)
        {
            var live = await cloud.Admin.GetSubscriptionAsync(declared.Name, CancellationToken.None);
            Assert.NotNull(live);
            Assert.Equal(cloud.Admin.TopicName(declared.Topic), live.Topic);
            Assert.Equal($"http://{declared.Service}:8080{declared.Path}", live.PushConfig?.PushEndpoint);
            Assert.Equal(declared.AckDeadlineSeconds, live.AckDeadlineSeconds);
            Assert.Equal(declared.Filter, live.Filter);
            Assert.Equal(declared.DeadLetterPolicy is null ? null : cloud.Admin.TopicName(declared.DeadLetterPolicy.DeadLetterTopic), live.DeadLetterPolicy?.DeadLetterTopic);
            Assert.Equal(declared.DeadLetterPolicy?.MaxDeliveryAttempts, live.DeadLetterPolicy?.MaxDeliveryAttempts);
            Assert.Equal(TimeSpan.FromSeconds(10), live.RetryPolicy?.MinimumBackoff);
            Assert.Equal(TimeSpan.FromSeconds(600), live.RetryPolicy?.MaximumBackoff);
        }
    }

    [Fact]
    public async Task A_subscription_changed_by_hand_is_patched_back_to_the_declaration()
    {
        await using var cloud = await LocalCloudPubSub.StartAsync();
        var provisioner = new TopologyProvisioner(cloud.Admin, storage: null);
        await provisioner.ApplyAsync(Declared, LocalCloudPubSub.Project, Compose, CancellationToken.None);
        await cloud.Admin.PatchSubscriptionAsync("thumbnail-picture-events",
            new PubSubSubscription { AckDeadlineSeconds = 300, PushConfig = new PushConfig("http://elsewhere:9999/events") },
            ["ackDeadlineSeconds", "pushConfig"], CancellationToken.None);

        var report = await provisioner.ApplyAsync(Declared, LocalCloudPubSub.Project, Compose, CancellationToken.None);

        var change = Assert.Single(report.Changes);
        Assert.Contains("thumbnail-picture-events", change, StringComparison.Ordinal);
        var live = await cloud.Admin.GetSubscriptionAsync("thumbnail-picture-events", CancellationToken.None);
        Assert.Equal((120, "http://thumbnail:8080/events"), (live!.AckDeadlineSeconds, live.PushConfig?.PushEndpoint));
    }

    [Fact]
    public async Task A_subscription_with_another_filter_is_reported_because_a_filter_cannot_change()
    {
        await using var cloud = await LocalCloudPubSub.StartAsync();
        var provisioner = new TopologyProvisioner(cloud.Admin, storage: null);
        await provisioner.ApplyAsync(Declared, LocalCloudPubSub.Project, Compose, CancellationToken.None);
        await cloud.Admin.DeleteSubscriptionAsync("image-analysis-picture-events", CancellationToken.None);
        await cloud.Admin.CreateSubscriptionAsync("image-analysis-picture-events", new PubSubSubscription
        {
            Topic = "picture-events",
            PushConfig = new PushConfig("http://image-analysis:8080/events"),
            Filter = "attributes.eventType = \"OBJECT_DELETE\"",
        }, CancellationToken.None);

        var report = await provisioner.ApplyAsync(Declared, LocalCloudPubSub.Project, Compose, CancellationToken.None);

        var problem = Assert.Single(report.Problems);
        Assert.Contains("image-analysis-picture-events", problem, StringComparison.Ordinal);
        Assert.Contains("filter", problem, StringComparison.Ordinal);
        Assert.Contains("delete the subscription", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_google_cloud_pushes_carry_an_oidc_token_whose_audience_is_the_service_url()
    {
        await using var cloud = await LocalCloudPubSub.StartAsync();
        var settings = Compose with { PushServiceAccount = "picadaily-push@p.iam.gserviceaccount.com" };

        await new TopologyProvisioner(cloud.Admin, storage: null).ApplyAsync(Declared, LocalCloudPubSub.Project, settings, CancellationToken.None);
        var again = await new TopologyProvisioner(cloud.Admin, storage: null).ApplyAsync(Declared, LocalCloudPubSub.Project, settings, CancellationToken.None);

        var live = await cloud.Admin.GetSubscriptionAsync("collage-collage-refresh", CancellationToken.None);
        Assert.Equal(new OidcToken("picadaily-push@p.iam.gserviceaccount.com", "http://collage:8080"), live!.PushConfig?.OidcToken);
        Assert.True(again.NoChanges);
    }

    [Fact]
    public async Task A_service_without_an_endpoint_stops_the_run_before_anything_is_created()
    {
        await using var cloud = await LocalCloudPubSub.StartAsync();
        var endpoints = Compose.Endpoints.Where(e => e.Key != "collage").ToDictionary();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new TopologyProvisioner(cloud.Admin, storage: null).ApplyAsync(Declared, LocalCloudPubSub.Project, Compose with { Endpoints = endpoints }, CancellationToken.None));

        Assert.Contains("collage", error.Message, StringComparison.Ordinal);
        Assert.Empty(await cloud.Admin.ListTopicsAsync(CancellationToken.None));
    }

    private static async Task<string> SnapshotAsync(IPubSubAdmin admin)
    {
        var topics = (await admin.ListTopicsAsync(CancellationToken.None)).OrderBy(t => t.Name, StringComparer.Ordinal);
        var subscriptions = (await admin.ListSubscriptionsAsync(CancellationToken.None)).OrderBy(s => s.Name, StringComparer.Ordinal);
        return JsonSerializer.Serialize(new { topics, subscriptions });
    }
}
