using System.Text.Json;

using PicADaily.LocalCloud.Tests.Support;

namespace PicADaily.LocalCloud.Tests.PubSub;

public sealed class AckAndRetryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    [InlineData(204)]
    public async Task A_success_status_acks_the_message_so_it_is_delivered_once(int status)
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        await using var receiver = await PushReceiver.StartAsync();
        receiver.Respond = _ => status;
        var rest = await PushSubscriptionAsync(cloud, receiver, retry: new { minimumBackoff = "0.05s", maximumBackoff = "0.1s" });

        await rest.PublishOrFailAsync("events", PubSubRest.Message("one"));
        await receiver.WaitForAsync(1, Wait);

        // Proof of the ack: a second message still arrives, the first is not pushed again.
        await rest.PublishOrFailAsync("events", PubSubRest.Message("two"));
        var pushes = await receiver.WaitForAsync(2, Wait);
        await WaitForStatusAsync(cloud, s => s.GetProperty("acked").GetInt64() == 2 && s.GetProperty("backlog").GetInt32() == 0);
        Assert.Equal(2, pushes.Count);
        Assert.Equal(2, receiver.Received.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(302)]
    [InlineData(-1)]
    public async Task A_failure_status_or_a_dropped_connection_nacks_and_the_message_is_redelivered(int status)
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        await using var receiver = await PushReceiver.StartAsync();
        var answered = 0;
        receiver.Respond = _ => Interlocked.Increment(ref answered) == 1 ? status : 204;
        var rest = await PushSubscriptionAsync(cloud, receiver, retry: new { minimumBackoff = "0.05s", maximumBackoff = "0.1s" });

        await rest.PublishOrFailAsync("events", PubSubRest.Message("retry me"));

        var pushes = await receiver.WaitForAsync(2, Wait);
        Assert.Equal(pushes[0].Body, pushes[1].Body);
        await WaitForStatusAsync(cloud, s => s.GetProperty("acked").GetInt64() == 1 && s.GetProperty("nacked").GetInt64() == 1);
    }

    [Fact]
    public async Task A_push_not_answered_within_the_ack_deadline_is_a_nack()
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        await using var receiver = await PushReceiver.StartAsync();
        var first = new TaskCompletionSource();
        var answered = 0;
        receiver.Respond = _ =>
        {
            if (Interlocked.Increment(ref answered) == 1)
            {
                // Hold the first push past the 10 s ack deadline.
                first.Task.Wait(TimeSpan.FromSeconds(12));
            }

            return 204;
        };
        var rest = await PushSubscriptionAsync(cloud, receiver, retry: new { minimumBackoff = "0.05s", maximumBackoff = "0.1s" }, ackDeadlineSeconds: 10);

        await rest.PublishOrFailAsync("events", PubSubRest.Message("slow"));

        await WaitForStatusAsync(cloud, s => s.GetProperty("nacked").GetInt64() >= 1, TimeSpan.FromSeconds(30));
        first.SetResult();
        await WaitForStatusAsync(cloud, s => s.GetProperty("acked").GetInt64() == 1, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_push_endpoint_is_never_retried_before_the_retry_policys_backoff()
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        await using var receiver = await PushReceiver.StartAsync();
        receiver.Respond = _ => 500;
        var rest = await PushSubscriptionAsync(cloud, receiver, retry: new { minimumBackoff = "0.2s", maximumBackoff = "0.8s" });

        await rest.PublishOrFailAsync("events", PubSubRest.Message("always failing"));

        var pushes = await receiver.WaitForAsync(6, Wait);
        var gaps = pushes.Zip(pushes.Skip(1), (a, b) => (b.At - a.At).TotalSeconds).Take(5).ToArray();
        // Each nack happens after its push arrived and the next push cannot leave before the nack's due
        // time, so every gap is at least its delay however loaded the machine. The upper side (the cap)
        // cannot be seen on a real clock: RedeliveryBackoffClockTests proves it on a fake one.
        double[] delays = [0.2, 0.4, 0.8, 0.8, 0.8];
        Assert.All(gaps.Zip(delays), pair => Assert.True(pair.First >= pair.Second - 0.002, $"gaps {string.Join(", ", gaps)} vs delays {string.Join(", ", delays)}"));
    }

    [Fact]
    public async Task After_maxDeliveryAttempts_the_message_is_dead_lettered_with_source_attributes()
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        await using var receiver = await PushReceiver.StartAsync();
        receiver.Respond = push => push.Path == "/dead" ? 204 : 503;
        var rest = new PubSubRest(new HttpClient { BaseAddress = cloud.BaseUri });
        await rest.CreateTopicOrFailAsync("events");
        await rest.CreateTopicOrFailAsync("dead-letters");
        await rest.CreateSubscriptionOrFailAsync("work", new
        {
            topic = rest.Topic("events"),
            pushConfig = new { pushEndpoint = receiver.Endpoint("/work") },
            retryPolicy = new { minimumBackoff = "0.01s", maximumBackoff = "0.05s" },
            deadLetterPolicy = new { deadLetterTopic = rest.Topic("dead-letters"), maxDeliveryAttempts = 5 },
        });
        await rest.CreateSubscriptionOrFailAsync("dead-watch", new { topic = rest.Topic("dead-letters"), pushConfig = new { pushEndpoint = receiver.Endpoint("/dead") } });

        var ids = await rest.PublishOrFailAsync("events", PubSubRest.Message("poison", new Dictionary<string, string> { ["objectId"] = "p.jpg" }));

        var all = await receiver.WaitForAsync(6, Wait);
        var work = all.Where(p => p.Path == "/work").Select(p => JsonDocument.Parse(p.Body).RootElement).ToList();
        Assert.Equal([1, 2, 3, 4, 5], work.Select(w => w.GetProperty("deliveryAttempt").GetInt32()));
        var dead = JsonDocument.Parse(all.Single(p => p.Path == "/dead").Body).RootElement.GetProperty("message");
        var attributes = dead.GetProperty("attributes");
        Assert.Equal("p.jpg", attributes.GetProperty("objectId").GetString());
        Assert.Equal("5", attributes.GetProperty("CloudPubSubDeadLetterSourceDeliveryCount").GetString());
        Assert.Equal("work", attributes.GetProperty("CloudPubSubDeadLetterSourceSubscription").GetString());
        Assert.Equal(rest.Project, attributes.GetProperty("CloudPubSubDeadLetterSourceSubscriptionProject").GetString());
        Assert.Equal(work[0].GetProperty("message").GetProperty("publishTime").GetString(), attributes.GetProperty("CloudPubSubDeadLetterSourceTopicPublishTime").GetString());
        Assert.NotEqual(ids[0], dead.GetProperty("messageId").GetString());
        await WaitForStatusAsync(cloud, s => s.GetProperty("name").GetString() == rest.Subscription("work")
            && s.GetProperty("deadLettered").GetInt64() == 1 && s.GetProperty("backlog").GetInt32() == 0);
        Assert.Equal(5, receiver.Received.Count(p => p.Path == "/work"));
    }

    internal static async Task<PubSubRest> PushSubscriptionAsync(TestLocalCloud cloud, PushReceiver receiver, object retry, int ackDeadlineSeconds = 10)
    {
        var rest = new PubSubRest(new HttpClient { BaseAddress = cloud.BaseUri });
        await rest.CreateTopicOrFailAsync("events");
        await rest.CreateSubscriptionOrFailAsync("sub", new
        {
            topic = rest.Topic("events"),
            pushConfig = new { pushEndpoint = receiver.Endpoint() },
            retryPolicy = retry,
            ackDeadlineSeconds,
        });
        return rest;
    }

    /// <summary>Polls the status page (bounded) until some subscription satisfies the condition.</summary>
    internal static async Task WaitForStatusAsync(TestLocalCloud cloud, Func<JsonElement, bool> condition, TimeSpan? timeout = null)
    {
        using var http = new HttpClient { BaseAddress = cloud.BaseUri };
        var deadline = DateTime.UtcNow + (timeout ?? Wait);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            last = await http.GetStringAsync("localcloud/status");
            if (JsonDocument.Parse(last).RootElement.GetProperty("subscriptions").EnumerateArray().Any(condition))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("Status never satisfied the condition; last status: " + last);
    }
}
