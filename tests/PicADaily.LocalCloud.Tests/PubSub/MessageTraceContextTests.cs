using System.Diagnostics;
using System.Text;
using PicADaily.LocalCloud.PubSub;
using PicADaily.LocalCloud.PubSub.Delivery;
using PicADaily.LocalCloud.PubSub.Model;

namespace PicADaily.LocalCloud.Tests.PubSub;

/// <summary>Which trace a push delivery joins: the picture's own (object metadata), else the one the message carries.</summary>
public sealed class MessageTraceContextTests
{
    private static readonly ActivityTraceId Picture = ActivityTraceId.CreateRandom();
    private static readonly ActivityTraceId Publisher = ActivityTraceId.CreateRandom();

    [Fact]
    public void A_storage_notification_joins_the_trace_in_its_objects_metadata()
    {
        var message = Notification($$$"""{"bucket":"pictures","name":"a.jpg","generation":"1","metadata":{"traceparent":"{{{TraceParent(Picture)}}}"}}""",
            ("ce-traceparent", TraceParent(Publisher)));

        Assert.Equal(Picture, MessageTraceContext.Of(message).TraceId);
    }

    [Theory]
    [InlineData("ce-traceparent")]
    [InlineData("googclient_traceparent")]
    [InlineData("traceparent")]
    public void A_message_joins_the_trace_its_attributes_carry(string attribute)
    {
        var message = Message([], (attribute, TraceParent(Publisher)));

        Assert.Equal(Publisher, MessageTraceContext.Of(message).TraceId);
    }

    [Fact]
    public void A_notification_without_trace_metadata_and_a_plain_message_start_no_trace_of_their_own()
    {
        Assert.Equal(default, MessageTraceContext.Of(Notification("""{"bucket":"pictures","name":"a.jpg","generation":"1","metadata":{"traceparent":"garbage"}}""")));
        Assert.Equal(default, MessageTraceContext.Of(Notification("not json")));
        Assert.Equal(default, MessageTraceContext.Of(Message("refresh"u8.ToArray(), ("job", "collage-refresh"))));
    }

    private static string TraceParent(ActivityTraceId traceId) => $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";

    private static StoredMessage Notification(string payload, params (string Key, string Value)[] more) =>
        Message(Encoding.UTF8.GetBytes(payload), [("eventType", "OBJECT_FINALIZE"), ("payloadFormat", "JSON_API_V1"), .. more]);

    private static StoredMessage Message(byte[] data, params (string Key, string Value)[] attributes) =>
        new(1, "projects/p/topics/t", data, attributes.ToDictionary(a => a.Key, a => a.Value), DateTimeOffset.UnixEpoch);
}
