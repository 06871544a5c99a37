using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using PicADaily.LocalCloud.Tests.Support;

namespace PicADaily.LocalCloud.Tests.PubSub;

/// <summary>
/// A nacked message's redelivery time under a retry policy, on a fake clock: due exactly after the
/// exponential delay, never a millisecond earlier, and never later than the maximum. Push and pull nacks
/// share this schedule; pull lets the test look at the exact moment without a real endpoint's timing.
/// </summary>
public sealed class RedeliveryBackoffClockTests
{
    [Fact]
    public async Task A_nacked_message_is_due_again_exactly_after_the_doubling_delay_capped_at_the_maximum()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var cloud = await TestLocalCloud.StartAsync(configure: b => b.Services.AddSingleton<TimeProvider>(time));
        var rest = new PubSubRest(new HttpClient { BaseAddress = cloud.BaseUri });
        await rest.CreateTopicOrFailAsync("events");
        await rest.CreateSubscriptionOrFailAsync("work", new
        {
            topic = rest.Topic("events"),
            ackDeadlineSeconds = 600,
            retryPolicy = new { minimumBackoff = "10s", maximumBackoff = "600s" },
        });
        await rest.PublishOrFailAsync("events", PubSubRest.Message("keeps failing"));
        var ackId = Assert.Single(await PullAsync(rest));

        int[] expectedSeconds = [10, 20, 40, 80, 160, 320, 600, 600];
        foreach (var seconds in expectedSeconds)
        {
            await rest.PostAsync($"v1/{rest.Subscription("work")}:modifyAckDeadline", new { ackIds = new[] { ackId }, ackDeadlineSeconds = 0 });

            time.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1));
            Assert.Empty(await PullAsync(rest));

            time.Advance(TimeSpan.FromMilliseconds(1));
            ackId = Assert.Single(await PullAsync(rest));
        }
    }

    private static async Task<List<string>> PullAsync(PubSubRest rest)
    {
        var response = await rest.PostAsync($"v1/{rest.Subscription("work")}:pull", new { maxMessages = 10, returnImmediately = true });
        return response["receivedMessages"]?.AsArray().Select(m => m!["ackId"]!.GetValue<string>()).ToList() ?? [];
    }
}
