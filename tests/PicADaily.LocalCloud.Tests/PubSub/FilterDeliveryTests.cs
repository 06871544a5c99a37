using System.Text;
using System.Text.Json;

using PicADaily.LocalCloud.Tests.Support;

namespace PicADaily.LocalCloud.Tests.PubSub;

public sealed class FilterDeliveryTests
{
    [Fact]
    public async Task Only_matching_messages_are_pushed_and_the_rest_are_acked_without_delivery()
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        await using var receiver = await PushReceiver.StartAsync();
        var rest = new PubSubRest(new HttpClient { BaseAddress = cloud.BaseUri });
        await rest.CreateTopicOrFailAsync("picture-events");
        await rest.CreateSubscriptionOrFailAsync("finalize-only", new
        {
            topic = rest.Topic("picture-events"),
            pushConfig = new { pushEndpoint = receiver.Endpoint() },
            filter = "attributes.eventType = \"OBJECT_FINALIZE\"",
        });

        await rest.PublishOrFailAsync("picture-events",
            PubSubRest.Message("a", new Dictionary<string, string> { ["eventType"] = "OBJECT_DELETE" }),
            PubSubRest.Message("b", new Dictionary<string, string> { ["eventType"] = "OBJECT_FINALIZE" }),
            PubSubRest.Message("c", new Dictionary<string, string> { ["other"] = "x" }),
            PubSubRest.Message("d", new Dictionary<string, string> { ["eventType"] = "OBJECT_FINALIZE" }));

        await receiver.WaitForAsync(2, TimeSpan.FromSeconds(15));
        await AckAndRetryTests.WaitForStatusAsync(cloud, s => s.GetProperty("acked").GetInt64() == 2 && s.GetProperty("filtered").GetInt64() == 2
            && s.GetProperty("backlog").GetInt32() == 0);
        var data = receiver.Received
            .Select(p => Encoding.UTF8.GetString(JsonDocument.Parse(p.Body).RootElement.GetProperty("message").GetProperty("data").GetBytesFromBase64()))
            .Order()
            .ToList();
        Assert.Equal(["b", "d"], data);
    }

    [Fact]
    public async Task A_subscription_with_an_invalid_filter_is_refused_with_400()
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        var rest = new PubSubRest(new HttpClient { BaseAddress = cloud.BaseUri });
        await rest.CreateTopicOrFailAsync("t1x");

        var response = await rest.CreateSubscriptionAsync("bad", new { topic = rest.Topic("t1x"), filter = "hasSuffix(attributes.k, \"x\")" });

        Assert.Equal(400, (int)response.StatusCode);
        var error = await PubSubRest.ErrorOf(response);
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("status").GetString());
        Assert.Contains("filter", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
