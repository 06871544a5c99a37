using System.Text.Json;
using PicADaily.LocalCloud.Tests.Support;
using PicADaily.Testing;
using Xunit.Abstractions;

namespace PicADaily.LocalCloud.Tests.PubSub;

/// <summary>
/// Push against an endpoint that takes only a few pushes at once and answers 429 beyond: LocalCloud
/// adapts its push window instead of pushing the ceiling's worth at once.
/// </summary>
public sealed class PushFlowControlTests(ITestOutputHelper output)
{
    private const int Ceiling = 8;
    private const int Messages = 120;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_busy_endpoint_gets_every_message_with_few_rejections_and_the_status_page_tells_how(int capacity)
    {
        await using var cloud = await TestLocalCloud.StartAsync(settings: new Dictionary<string, string?>
        {
            ["LocalCloud:PubSub:PushConcurrency"] = Ceiling.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await using var endpoint = await BusyEndpoint.StartAsync(capacity, work: TimeSpan.FromMilliseconds(20));
        var rest = new PubSubRest(new HttpClient { BaseAddress = cloud.BaseUri });
        await rest.CreateTopicOrFailAsync("uploads");
        await rest.CreateTopicOrFailAsync("dead-letters");
        await rest.CreateSubscriptionOrFailAsync("thumbnail", new
        {
            topic = rest.Topic("uploads"),
            pushConfig = new { pushEndpoint = endpoint.Url },
            retryPolicy = new { minimumBackoff = "0.01s", maximumBackoff = "0.05s" },
            // Generous, so a message unlucky enough to meet a few probes in a row is not lost;
            // the envelope then also carries deliveryAttempt, which tells redeliveries apart.
            deadLetterPolicy = new { deadLetterTopic = rest.Topic("dead-letters"), maxDeliveryAttempts = 20 },
        });
        var payloads = Enumerable.Range(0, Messages).Select(i => $"photo-{i}").ToList();

        // All at once, like 30 photos dropped into the folder together.
        await rest.PublishOrFailAsync("uploads", payloads.Select(p => PubSubRest.Message(p)).ToArray());

        var status = await SettledStatusAsync(cloud, rest.Subscription("thumbnail"));
        output.WriteLine($"capacity {capacity}: pushes {endpoint.Pushes}, rejected {endpoint.Rejected}, peak {endpoint.PeakConcurrency}, window {status.GetProperty("pushWindow")}");
        Assert.Equal(payloads.Order(StringComparer.Ordinal), endpoint.Acked.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, status.GetProperty("deadLettered").GetInt64());
        Assert.True(endpoint.PeakConcurrency <= Ceiling, $"the endpoint saw {endpoint.PeakConcurrency} pushes at once; the ceiling is {Ceiling}");

        // Pushing the ceiling's worth regardless would draw (Ceiling − capacity) rejections per round,
        // more than one per message. The window halves on each rejection and grows by one only after
        // several acks, so rejections stay well below one per message.
        Assert.InRange(endpoint.Rejected, 1, (Messages / 2) - 1);

        // The status page agrees with what the endpoint saw.
        Assert.Equal(endpoint.Rejected, status.GetProperty("nacksByStatus").GetProperty("429").GetInt64());
        Assert.Equal(endpoint.Rejected, status.GetProperty("nacked").GetInt64());
        Assert.Single(status.GetProperty("nacksByStatus").EnumerateObject());
        Assert.Equal(endpoint.Redeliveries, status.GetProperty("redelivered").GetInt64());
        Assert.Equal(endpoint.Pushes - Messages, endpoint.Redeliveries);
        Assert.Equal(endpoint.Pushes, status.GetProperty("delivered").GetInt64());
        Assert.InRange(status.GetProperty("pushWindow").GetInt32(), 1, Ceiling);
    }

    [Fact]
    public async Task A_new_subscription_shows_a_push_window_of_one_and_no_nacks()
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        var rest = new PubSubRest(new HttpClient { BaseAddress = cloud.BaseUri });
        await rest.CreateTopicOrFailAsync("uploads");
        await rest.CreateSubscriptionOrFailAsync("thumbnail", new { topic = rest.Topic("uploads"), pushConfig = new { pushEndpoint = "http://127.0.0.1:9/events" } });

        var status = await SettledStatusAsync(cloud, rest.Subscription("thumbnail"));

        Assert.Equal(1, status.GetProperty("pushWindow").GetInt32());
        Assert.Equal(0, status.GetProperty("redelivered").GetInt64());
        Assert.Empty(status.GetProperty("nacksByStatus").EnumerateObject());
    }

    // The subscription's entry once nothing is waiting or in flight and the window has no push out.
    private static async Task<JsonElement> SettledStatusAsync(TestLocalCloud cloud, string subscription)
    {
        using var http = new HttpClient { BaseAddress = cloud.BaseUri };
        JsonElement entry = default;
        await Eventually.UntilAsync(
            async () =>
            {
                entry = JsonDocument.Parse(await http.GetStringAsync("localcloud/status")).RootElement.GetProperty("subscriptions").EnumerateArray()
                    .Single(s => s.GetProperty("name").GetString() == subscription);
                return entry.GetProperty("backlog").GetInt32() == 0 && entry.GetProperty("inFlight").GetInt32() == 0;
            },
            TimeSpan.FromSeconds(60),
            $"{subscription} settles (no backlog, nothing in flight)");
        return entry;
    }
}
