using System.Text.Json;

using PicADaily.LocalCloud.Tests.Support;

namespace PicADaily.LocalCloud.Tests.PubSub;

public sealed class DurabilityTests
{
    [Fact]
    public async Task Redelivery_state_survives_a_restart_so_delivery_attempts_keep_counting()
    {
        await using var receiver = await PushReceiver.StartAsync();
        receiver.Respond = _ => 503;
        string dataPath;
        await using (var cloud = await TestLocalCloud.StartAsync())
        {
            dataPath = cloud.DataPath;
            var rest = new PubSubRest(new HttpClient { BaseAddress = cloud.BaseUri });
            await rest.CreateTopicOrFailAsync("events");
            await rest.CreateTopicOrFailAsync("dead");
            await rest.CreateSubscriptionOrFailAsync("sub", new
            {
                topic = rest.Topic("events"),
                pushConfig = new { pushEndpoint = receiver.Endpoint() },
                retryPolicy = new { minimumBackoff = "0.05s", maximumBackoff = "0.05s" },
                deadLetterPolicy = new { deadLetterTopic = rest.Topic("dead"), maxDeliveryAttempts = 10 },
            });
            await rest.PublishOrFailAsync("events", PubSubRest.Message("persist me"));
            await receiver.WaitForAsync(2, TimeSpan.FromSeconds(15));
            await AckAndRetryTests.WaitForStatusAsync(cloud, s => s.GetProperty("nacked").GetInt64() >= 2);
        }

        receiver.Respond = _ => 204;

        var seenBeforeRestart = receiver.Received.Count;
        await using var restarted = await TestLocalCloud.StartAsync(dataPath);
        var pushes = await receiver.WaitForAsync(seenBeforeRestart + 1, TimeSpan.FromSeconds(15));

        var attempts = pushes.Select(p => JsonDocument.Parse(p.Body).RootElement.GetProperty("deliveryAttempt").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, attempts.Count), attempts);
        await AckAndRetryTests.WaitForStatusAsync(restarted, s => s.GetProperty("acked").GetInt64() == 1 && s.GetProperty("backlog").GetInt32() == 0);
    }

    [Fact]
    public async Task Topics_subscriptions_and_unacked_messages_survive_a_restart()
    {
        string dataPath;
        await using (var cloud = await TestLocalCloud.StartAsync())
        {
            dataPath = cloud.DataPath;
            var rest = new PubSubRest(new HttpClient { BaseAddress = cloud.BaseUri });
            await rest.CreateTopicOrFailAsync("events");
            await rest.CreateSubscriptionOrFailAsync("pull-sub", new { topic = rest.Topic("events"), filter = "attributes:keep" });
            await rest.PublishOrFailAsync("events",
                PubSubRest.Message("kept", new Dictionary<string, string> { ["keep"] = "1" }),
                PubSubRest.Message("filtered out"));
        }

        await using var restarted = await TestLocalCloud.StartAsync(dataPath);
        var after = new PubSubRest(new HttpClient { BaseAddress = restarted.BaseUri });

        var pulled = await after.PostAsync($"v1/projects/{after.Project}/subscriptions/pull-sub:pull", new { maxMessages = 10 });
        var message = Assert.Single(pulled["receivedMessages"]!.AsArray());
        Assert.Equal("1", message!["message"]!["attributes"]!["keep"]!.GetValue<string>());
        var subscription = await after.GetAsync($"v1/projects/{after.Project}/subscriptions/pull-sub");
        Assert.Equal("attributes:keep", subscription["filter"]!.GetValue<string>());
    }
}
