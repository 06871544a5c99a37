using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PicADaily.GoogleCloud.PubSub;
using PicADaily.LocalCloud.Scheduler;
using PicADaily.LocalCloud.Tests.Support;
using PicADaily.Provisioner.Tests.Support;

namespace PicADaily.Provisioner.Tests;

/// <summary>docker compose runs LocalCloud for Vision and the schedule only: its jobs must land in the emulator's Pub/Sub.</summary>
public sealed class LocalCloudSchedulerTests
{
    [Fact]
    public async Task With_an_external_pubsub_configured_scheduled_messages_are_published_there()
    {
        await using var emulator = await LocalCloudPubSub.StartAsync();
        await emulator.Admin.CreateTopicAsync("collage-refresh", CancellationToken.None);
        await emulator.Admin.CreateSubscriptionAsync("probe", new PubSubSubscription { Topic = "collage-refresh" }, CancellationToken.None);
        var topology = Path.Combine(Path.GetTempPath(), $"topology-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(topology, """
            { "projectId": "picadaily-local", "topics": ["collage-refresh"],
              "schedules": [ { "name": "collage-refresh", "schedule": "* * * * * *", "topic": "collage-refresh",
                               "data": "{\"reason\":\"scheduled\"}", "attributes": { "job": "collage-refresh" } } ] }
            """);
        try
        {
            await using var scheduler = await TestLocalCloud.StartAsync(settings: new Dictionary<string, string?>
            {
                ["LocalCloud:TopologyPath"] = topology,
                [ExternalPubSubPublisher.ConfigurationKey] = emulator.BaseUri.Authority,
            });

            var message = await PullOneAsync(emulator.BaseUri, TimeSpan.FromSeconds(15));

            Assert.Equal("{\"reason\":\"scheduled\"}", Encoding.UTF8.GetString(Convert.FromBase64String(message.GetProperty("data").GetString()!)));
            Assert.Equal("collage-refresh", message.GetProperty("attributes").GetProperty("job").GetString());
        }
        finally
        {
            File.Delete(topology);
        }
    }

    private static async Task<JsonElement> PullOneAsync(Uri pubSub, TimeSpan limit)
    {
        using var http = new HttpClient { BaseAddress = pubSub };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.PostAsJsonAsync("v1/projects/picadaily-local/subscriptions/probe:pull", new { maxMessages = 1 });
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (body.TryGetProperty("receivedMessages", out var received) && received.GetArrayLength() > 0)
            {
                return received[0].GetProperty("message");
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No scheduled message reached the external Pub/Sub within {limit}.");
    }
}
