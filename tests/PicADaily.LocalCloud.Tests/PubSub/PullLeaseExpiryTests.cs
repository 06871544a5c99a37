using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using PicADaily.LocalCloud.Tests.Support;
using PicADaily.Testing;

namespace PicADaily.LocalCloud.Tests.PubSub;

/// <summary>
/// A pulled message not acked within its ack deadline is a nack: the clock ends the lease (nobody has
/// to pull or look at the status page for it), and the next pull gets the message with the next
/// attempt number. The status page only reads.
/// </summary>
public sealed class PullLeaseExpiryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private TestLocalCloud cloud = null!;
    private HttpClient http = null!;
    private PubSubRest rest = null!;

    public async Task InitializeAsync()
    {
        cloud = await TestLocalCloud.StartAsync(configure: b => b.Services.AddSingleton<TimeProvider>(time));
        http = new HttpClient { BaseAddress = cloud.BaseUri };
        rest = new PubSubRest(http);
        await rest.CreateTopicOrFailAsync("leased");
        await rest.CreateTopicOrFailAsync("leased-dlq");
        await rest.CreateSubscriptionOrFailAsync("lease-sub", new
        {
            topic = rest.Topic("leased"),
            ackDeadlineSeconds = 10,
            deadLetterPolicy = new { deadLetterTopic = rest.Topic("leased-dlq"), maxDeliveryAttempts = 5 },
        });
        await rest.PublishOrFailAsync("leased", PubSubRest.Message("lease"));
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await cloud.DisposeAsync();
    }

    [Fact]
    public async Task A_pulled_message_not_acked_within_its_deadline_is_delivered_again_with_the_next_attempt_number()
    {
        var first = Assert.IsType<JsonObject>(await PullOneAsync());
        Assert.Equal(1, first["deliveryAttempt"]!.GetValue<int>());

        time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
        Assert.Null(await PullOneAsync());

        time.Advance(TimeSpan.FromMilliseconds(1));
        JsonNode? again = null;
        await Eventually.UntilAsync(async () => (again = await PullOneAsync()) is not null, TimeSpan.FromSeconds(10), "the message pulled again");
        Assert.Equal(2, again!["deliveryAttempt"]!.GetValue<int>());
        Assert.NotEqual(first["ackId"]!.GetValue<string>(), again["ackId"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_lease_timer_ends_an_expired_lease_and_the_status_page_only_reads()
    {
        // The lease timer ticks every whole second of the clock; pulling half-way between two ticks
        // leaves a moment after the deadline when only a reader that changes state would see it end.
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.NotNull(await PullOneAsync());

        // In two steps: a fake clock's timers fire at the time it is advanced to.
        time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(100));
        time.Advance(TimeSpan.FromMilliseconds(200));
        for (var i = 0; i < 3; i++)
        {
            var past = await StatusAsync();
            Assert.Equal((1, 0, 0), (past["inFlight"]!.GetValue<int>(), past["backlog"]!.GetValue<int>(), past["nacked"]!.GetValue<int>()));
        }

        time.Advance(TimeSpan.FromMilliseconds(400));
        await Eventually.UntilAsync(async () => (await StatusAsync())["backlog"]!.GetValue<int>() == 1, TimeSpan.FromSeconds(10), "the expired lease nacked by the timer");
        var after = await StatusAsync();
        Assert.Equal((0, 1), (after["inFlight"]!.GetValue<int>(), after["nacked"]!.GetValue<int>()));
    }

    private async Task<JsonNode?> PullOneAsync() =>
        (await rest.PostAsync($"v1/{rest.Subscription("lease-sub")}:pull", new { maxMessages = 1 }))["receivedMessages"]?[0];

    private async Task<JsonNode> StatusAsync()
    {
        var status = JsonNode.Parse(await http.GetStringAsync("localcloud/status"))!;
        return status["subscriptions"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == rest.Subscription("lease-sub"))!;
    }
}
