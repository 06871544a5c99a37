using PicADaily.Contracts.Events;
using PicADaily.Contracts.Topology;

namespace PicADaily.Contracts.Tests.Topology;

/// <summary>Which event types reach each subscription: the mapping every choreography check relies on.</summary>
public sealed class TopicTrafficTests
{
    private static readonly Contracts.Topology.Topology Declared = DeclaredTopology.Load();

    [Theory]
    [InlineData("image-analysis-picture-events", new[] { EventTypes.Storage.Finalized })]
    [InlineData("garbage-collection-picture-events", new[] { EventTypes.Storage.Deleted })]
    [InlineData("garbage-collection-picture-activity", new[] { EventTypes.PicADaily.PictureRejected })]
    [InlineData("collage-collage-refresh", new[] { EventTypes.PubSubMessagePublished })]
    [InlineData("frontend-picture-events", new[] { EventTypes.Storage.Deleted, EventTypes.Storage.Finalized })]
    public void A_subscription_delivers_what_its_topic_carries_and_its_filter_lets_through(string subscription, string[] expected)
    {
        var delivered = TopicTraffic.DeliveredTypes(Declared, Declared.Subscriptions.Single(s => s.Name == subscription));

        Assert.Equal(expected.Order(StringComparer.Ordinal), delivered);
    }

    [Fact]
    public void The_dead_letter_subscription_receives_dead_lettered_events_but_not_schedule_ticks()
    {
        var delivered = TopicTraffic.DeliveredTypes(Declared, Declared.Subscriptions.Single(s => s.Name == "frontend-dead-letters"));

        Assert.Contains(EventTypes.Storage.Finalized, delivered);
        Assert.Contains(EventTypes.PicADaily.PictureRejected, delivered);
        Assert.DoesNotContain(EventTypes.PubSubMessagePublished, delivered);
    }

    [Fact]
    public void A_notification_without_event_types_carries_all_four_storage_types()
    {
        var topology = Declared with { Notifications = [new BucketNotification("pictures", "picture-events", [], "JSON_API_V1")] };

        var types = TopicTraffic.MessagesOn(topology, "picture-events").Select(m => m.EventType).Where(t => t.StartsWith("google.cloud.storage", StringComparison.Ordinal));

        Assert.Equal(
            [EventTypes.Storage.Archived, EventTypes.Storage.Deleted, EventTypes.Storage.Finalized, EventTypes.Storage.MetadataUpdated],
            types.Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("attributes.eventType = \"OBJECT_DELETE\"", true)]
    [InlineData("attributes.eventType != \"OBJECT_DELETE\"", false)]
    [InlineData("attributes:eventType", true)]
    [InlineData("attributes:ce-type", false)]
    [InlineData("attributes:ce-type OR attributes:eventType", true)]
    [InlineData("attributes:eventType AND NOT attributes:bucketId", false)]
    [InlineData("hasPrefix(attributes.eventType, \"OBJECT_\")", true)]
    public void Filters_are_read_like_pub_sub_reads_them(string filter, bool matches)
    {
        var attributes = new Dictionary<string, string> { ["eventType"] = "OBJECT_DELETE", ["bucketId"] = "pictures" };

        Assert.Equal(matches, SubscriptionFilter.Matches(filter, attributes));
    }

    [Fact]
    public void A_filter_the_check_cannot_read_fails_the_load_with_the_subscription_named()
    {
        var json = """
            {"projectId":"p","topics":["t"],"subscriptions":[{"name":"odd-one","topic":"t","service":"s","path":"/events","ackDeadlineSeconds":60,"filter":"(attributes:a)"}]}
            """;

        var error = Assert.Throws<InvalidDataException>(() => TopologyLoader.Parse(json));

        Assert.Contains("odd-one", error.Message, StringComparison.Ordinal);
    }
}
