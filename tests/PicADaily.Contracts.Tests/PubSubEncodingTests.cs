using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Publishing;

namespace PicADaily.Contracts.Tests;

public sealed class PubSubEncodingTests
{
    private static readonly PictureAnalyzed Analyzed = new("pictures", "holidays/beach day.jpg", 1700000000123456, ["Beach", "Sky"], "#1e90ff");

    [Fact]
    public void Activity_event_is_encoded_with_ce_attributes_and_json_data()
    {
        var cloudEvent = ActivityEventFactory.Create("image-analysis", Analyzed);

        var message = PubSubCloudEventEncoder.Encode(cloudEvent);

        Assert.Equal("1.0", message.Attributes["ce-specversion"]);
        Assert.Equal(EventTypes.PicADaily.PictureAnalyzed, message.Attributes["ce-type"]);
        Assert.Equal("//picadaily.dev/services/image-analysis", message.Attributes["ce-source"]);
        Assert.Equal("holidays/beach day.jpg", message.Attributes["ce-subject"]);
        Assert.Equal("application/json", message.Attributes["content-type"]);
        Assert.False(message.Attributes.ContainsKey("ce-datacontenttype"));
        using var data = JsonDocument.Parse(message.Data);
        Assert.Equal(1700000000123456, data.RootElement.GetProperty("generation").GetInt64());
        Assert.Equal("#1e90ff", data.RootElement.GetProperty("color").GetString());
    }

    [Fact]
    public void Encoded_event_pushed_by_pubsub_decodes_back_to_the_same_payload()
    {
        var cloudEvent = ActivityEventFactory.Create("image-analysis", Analyzed);
        var message = PubSubCloudEventEncoder.Encode(cloudEvent);

        var decoded = EventDecoder.Decode(WrapAsPush(message, "m-1"));

        Assert.True(decoded.Succeeded, decoded.Error);
        var activity = Assert.IsType<ActivityEvent<PictureAnalyzed>>(decoded.Event);
        Assert.Equal(cloudEvent.Id, activity.Id);
        Assert.Equal(Analyzed.Name, activity.Data.Name);
        Assert.Equal(Analyzed.Generation, activity.Data.Generation);
        Assert.Equal(Analyzed.Labels, activity.Data.Labels);
        Assert.Equal(Analyzed.Color, activity.Data.Color);
        Assert.Equal("m-1", activity.Delivery.MessageId);
    }

    [Fact]
    public void Active_trace_travels_as_the_traceparent_extension()
    {
        using var activity = new Activity("handling").SetIdFormat(ActivityIdFormat.W3C).Start();

        var message = PubSubCloudEventEncoder.Encode(ActivityEventFactory.Create("thumbnail", Analyzed));
        var decoded = EventDecoder.Decode(WrapAsPush(message, "m-2"));

        Assert.Equal(activity.Id, message.Attributes["ce-traceparent"]);
        Assert.Equal(activity.Id, decoded.Event!.Delivery.TraceParent);
    }

    [Fact]
    public void Without_an_active_trace_no_traceparent_is_sent()
    {
        Assert.Null(Activity.Current);

        var message = PubSubCloudEventEncoder.Encode(ActivityEventFactory.Create("thumbnail", Analyzed));

        Assert.False(message.Attributes.ContainsKey("ce-traceparent"));
    }

    [Fact]
    public void Every_activity_payload_has_exactly_one_event_type()
    {
        var types = EventTypes.PicADaily.All.Select(ActivityEventTypes.PayloadTypeOf).ToList();

        Assert.Equal(types.Count, types.Distinct().Count());
        Assert.All(types, t => Assert.Equal(t, ActivityEventTypes.PayloadTypeOf(ActivityEventTypes.TypeOf(t))));
    }

    private static DeliveryRequest WrapAsPush(PicADaily.Contracts.PubSub.PubSubMessage message, string messageId)
    {
        var envelope = new
        {
            message = new { data = Convert.ToBase64String(message.Data.Span), attributes = message.Attributes, messageId, publishTime = "2024-01-01T10:00:00Z" },
            subscription = "projects/p/subscriptions/s",
        };
        return new DeliveryRequest([], "application/json", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(envelope)));
    }
}
