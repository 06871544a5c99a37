using System.Text;
using System.Text.Json;

using PicADaily.LocalCloud.Tests.Support;

namespace PicADaily.LocalCloud.Tests.PubSub;

public sealed class PushEnvelopeTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Wrapped_push_carries_the_documented_envelope_fields()
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        await using var receiver = await PushReceiver.StartAsync();
        var rest = new PubSubRest(new HttpClient { BaseAddress = cloud.BaseUri });
        await rest.CreateTopicOrFailAsync("events");
        await rest.CreateSubscriptionOrFailAsync("sub", new { topic = rest.Topic("events"), pushConfig = new { pushEndpoint = receiver.Endpoint() } });

        var ids = await rest.PublishOrFailAsync("events", PubSubRest.Message("hello", new Dictionary<string, string> { ["eventType"] = "OBJECT_FINALIZE" }));

        var push = (await receiver.WaitForAsync(1, Wait))[0];
        Assert.Equal("/events", push.Path);
        Assert.StartsWith("application/json", push.Headers["Content-Type"], StringComparison.Ordinal);
        var body = JsonDocument.Parse(push.Body).RootElement;
        var message = body.GetProperty("message");
        Assert.Equal("hello", Encoding.UTF8.GetString(message.GetProperty("data").GetBytesFromBase64()));
        Assert.Equal("OBJECT_FINALIZE", message.GetProperty("attributes").GetProperty("eventType").GetString());
        Assert.Equal(ids[0], message.GetProperty("messageId").GetString());
        Assert.Equal(ids[0], message.GetProperty("message_id").GetString());
        var publishTime = message.GetProperty("publishTime").GetString()!;
        Assert.Equal(publishTime, message.GetProperty("publish_time").GetString());
        Assert.EndsWith("Z", publishTime, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.UtcNow - DateTimeOffset.Parse(publishTime, System.Globalization.CultureInfo.InvariantCulture) < TimeSpan.FromMinutes(1));
        Assert.Equal(rest.Subscription("sub"), body.GetProperty("subscription").GetString());
        Assert.False(body.TryGetProperty("deliveryAttempt", out _), "deliveryAttempt appears only with a dead-letter policy");
    }

    [Fact]
    public async Task Wrapped_push_has_deliveryAttempt_when_the_subscription_has_a_dead_letter_policy()
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        await using var receiver = await PushReceiver.StartAsync();
        var rest = new PubSubRest(new HttpClient { BaseAddress = cloud.BaseUri });
        await rest.CreateTopicOrFailAsync("events");
        await rest.CreateTopicOrFailAsync("dead");
        await rest.CreateSubscriptionOrFailAsync("sub", new
        {
            topic = rest.Topic("events"),
            pushConfig = new { pushEndpoint = receiver.Endpoint() },
            deadLetterPolicy = new { deadLetterTopic = rest.Topic("dead"), maxDeliveryAttempts = 5 },
        });

        await rest.PublishOrFailAsync("events", PubSubRest.Message("x"));

        var push = (await receiver.WaitForAsync(1, Wait))[0];
        Assert.Equal(1, JsonDocument.Parse(push.Body).RootElement.GetProperty("deliveryAttempt").GetInt32());
    }

    [Fact]
    public async Task Unwrapped_push_with_writeMetadata_sends_raw_data_attribute_headers_and_metadata_headers()
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        await using var receiver = await PushReceiver.StartAsync();
        var rest = new PubSubRest(new HttpClient { BaseAddress = cloud.BaseUri });
        await rest.CreateTopicOrFailAsync("events");
        await rest.CreateSubscriptionOrFailAsync("raw", new
        {
            topic = rest.Topic("events"),
            pushConfig = new { pushEndpoint = receiver.Endpoint("/raw"), noWrapper = new { writeMetadata = true } },
        });

        var ids = await rest.PublishOrFailAsync("events", PubSubRest.Message("{\"a\":1}", new Dictionary<string, string>
        {
            ["ce-type"] = "dev.picadaily.picture.analyzed.v1",
            ["Content-Type"] = "application/json",
        }));

        var push = (await receiver.WaitForAsync(1, Wait))[0];
        Assert.Equal("/raw", push.Path);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(push.Body));
        Assert.Equal("dev.picadaily.picture.analyzed.v1", push.Headers["ce-type"]);
        Assert.Equal("application/json", push.Headers["Content-Type"]);
        Assert.Equal(rest.Subscription("raw"), push.Headers["x-goog-pubsub-subscription-name"]);
        Assert.Equal(ids[0], push.Headers["x-goog-pubsub-message-id"]);
        Assert.EndsWith("Z", push.Headers["x-goog-pubsub-publish-time"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unwrapped_push_without_writeMetadata_sends_only_the_data()
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        await using var receiver = await PushReceiver.StartAsync();
        var rest = new PubSubRest(new HttpClient { BaseAddress = cloud.BaseUri });
        await rest.CreateTopicOrFailAsync("events");
        await rest.CreateSubscriptionOrFailAsync("raw", new
        {
            topic = rest.Topic("events"),
            pushConfig = new { pushEndpoint = receiver.Endpoint(), noWrapper = new { writeMetadata = false } },
        });

        await rest.PublishOrFailAsync("events", PubSubRest.Message("plain", new Dictionary<string, string> { ["k"] = "v" }));

        var push = (await receiver.WaitForAsync(1, Wait))[0];
        Assert.Equal("plain", Encoding.UTF8.GetString(push.Body));
        Assert.False(push.Headers.ContainsKey("k"));
        Assert.False(push.Headers.ContainsKey("x-goog-pubsub-message-id"));
    }
}
