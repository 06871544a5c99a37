using PicADaily.Contracts.Topology;
using PicADaily.LocalCloud.Firestore.Query;
using PicADaily.LocalCloud.PubSub.Model;
using PicADaily.LocalCloud.Tests.Support;

namespace PicADaily.LocalCloud.Tests.Topology;

public sealed class TopologyFileTests
{
    private static readonly PicADaily.Contracts.Topology.Topology Declared = TopologyLoader.Load(RepositoryFiles.Path("infra/topology.json"));

    [Fact]
    public void The_topology_declares_the_buckets_topics_and_the_pictures_notification()
    {
        Assert.Equal("picadaily-local", Declared.ProjectId);
        Assert.Equal(["pictures", "thumbnails"], Declared.Buckets);
        Assert.Equal(["picture-events", "collage-refresh", "picture-activity", "dead-letters"], Declared.Topics);
        var notification = Assert.Single(Declared.Notifications);
        Assert.Equal(("pictures", "picture-events", "JSON_API_V1"), (notification.Bucket, notification.Topic, notification.PayloadFormat));
        Assert.Equal(["OBJECT_FINALIZE", "OBJECT_DELETE"], notification.EventTypes);
    }

    [Theory]
    [InlineData("image-analysis", "picture-events", 120, "attributes.eventType = \"OBJECT_FINALIZE\"")]
    [InlineData("thumbnail", "picture-events", 120, "attributes.eventType = \"OBJECT_FINALIZE\"")]
    [InlineData("garbage-collection", "picture-events", 60, "attributes.eventType = \"OBJECT_DELETE\"")]
    [InlineData("garbage-collection", "picture-activity", 60, "attributes.ce-type = \"dev.picadaily.picture.rejected.v1\"")]
    [InlineData("collage", "collage-refresh", 60, null)]
    [InlineData("frontend", "picture-events", 60, null)]
    [InlineData("frontend", "picture-activity", 60, null)]
    public void Each_service_subscribes_with_its_filter_deadline_retry_and_dead_letter_policy(string service, string topic, int ackDeadline, string? filter)
    {
        var subscription = Assert.Single(Declared.Subscriptions, s => s.Service == service && s.Topic == topic);

        Assert.Equal("/events", subscription.Path);
        Assert.Equal(ackDeadline, subscription.AckDeadlineSeconds);
        Assert.Equal(filter, subscription.Filter);
        Assert.Equal(new SubscriptionRetryPolicy("10s", "600s"), subscription.RetryPolicy);
        Assert.Equal(new SubscriptionDeadLetterPolicy("dead-letters", 5), subscription.DeadLetterPolicy);
    }

    [Fact]
    public void The_frontend_reads_dead_letters_without_a_dead_letter_policy_of_its_own()
    {
        var subscription = Assert.Single(Declared.Subscriptions, s => s.Topic == "dead-letters");

        Assert.Equal("frontend", subscription.Service);
        Assert.Null(subscription.DeadLetterPolicy);
    }

    [Fact]
    public void The_collage_refresh_schedule_publishes_every_minute()
    {
        var job = Assert.Single(Declared.Schedules);

        Assert.Equal(("collage-refresh", "* * * * *", "collage-refresh"), (job.Name, job.Schedule, job.Topic));
    }

    [Theory]
    [InlineData("""{"projectId":"p","topics":["a"],"subscriptions":[{"name":"s","topic":"b","service":"x","path":"/events","ackDeadlineSeconds":60}]}""", "topic 'b' is not declared")]
    [InlineData("""{"projectId":"p","topics":["a"],"subscriptions":[{"name":"s","topic":"a","service":"x","path":"/events","ackDeadlineSeconds":60,"deadLetterPolicy":{"deadLetterTopic":"a","maxDeliveryAttempts":3}}]}""", "maxDeliveryAttempts")]
    [InlineData("""{"projectId":"p","buckets":["pictures"],"topics":["a"],"notifications":[{"bucket":"other","topic":"a","eventTypes":[],"payloadFormat":"JSON_API_V1"}]}""", "bucket is not declared")]
    [InlineData("""{"projectId":"p","topics":["a"],"schedules":[{"name":"j","schedule":"* * * * *","topic":"a"}]}""", "data or attributes")]
    [InlineData("""{"projectId":""}""", "projectId")]
    [InlineData("""{"projectId":"p",""", "not a valid topology")]
    public void A_broken_topology_is_rejected_naming_the_problem(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => TopologyLoader.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
