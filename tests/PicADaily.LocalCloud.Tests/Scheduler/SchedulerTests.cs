using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using PicADaily.LocalCloud.Tests.Support;
using PicADaily.Testing;

namespace PicADaily.LocalCloud.Tests.Scheduler;

public sealed class SchedulerTests
{
    [Fact]
    public async Task A_scheduled_job_from_the_topology_publishes_its_data_and_attributes_to_its_subscriber()
    {
        await using var receiver = await PushReceiver.StartAsync();
        var topology = Path.Combine(Path.GetTempPath(), $"topology-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(topology, """
            {
              "projectId": "sched-test",
              "topics": ["ticks"],
              "subscriptions": [{ "name": "ticker-ticks", "topic": "ticks", "service": "ticker", "path": "/tick", "ackDeadlineSeconds": 10 }],
              "schedules": [{ "name": "every-second", "schedule": "* * * * * *", "topic": "ticks", "data": "tick", "attributes": { "job": "every-second" } }]
            }
            """);
        await using var cloud = await TestLocalCloud.StartAsync(settings: new Dictionary<string, string?>
        {
            ["LocalCloud:TopologyPath"] = topology,
        });
        await LocalCloudTopology.ApplyAsync(cloud.BaseUri, new Dictionary<string, Uri> { ["ticker"] = receiver.BaseUri }, topology);

        var pushes = await receiver.WaitForAsync(3, TimeSpan.FromSeconds(15));

        var messages = pushes.Select(p => JsonDocument.Parse(p.Body).RootElement.GetProperty("message")).ToList();
        Assert.All(messages, m => Assert.Equal("tick", Encoding.UTF8.GetString(m.GetProperty("data").GetBytesFromBase64())));
        Assert.All(messages, m => Assert.Equal("every-second", m.GetProperty("attributes").GetProperty("job").GetString()));
        // The timing (one publish per tick, at the tick) is proven on a fake clock in JobSchedulerClockTests;
        // here, on the real clock, only that the topology's job reaches its push subscriber intact.
    }

    [Fact]
    public async Task The_status_page_lists_the_collage_schedule_with_its_next_run()
    {
        await using var cloud = await TestLocalCloud.StartAsync(settings: new Dictionary<string, string?>
        {
            ["LocalCloud:TopologyPath"] = RepositoryFiles.Path("infra/topology.json"),
        });
        await LocalCloudTopology.ApplyAsync(cloud.BaseUri, new Dictionary<string, Uri> { ["collage"] = new("http://127.0.0.1:5103") });
        using var http = new HttpClient { BaseAddress = cloud.BaseUri };

        var status = JsonNode.Parse(await http.GetStringAsync("localcloud/status"))!;

        var job = Assert.Single(status["scheduler"]!.AsArray());
        Assert.Equal("collage-refresh", job!["name"]!.GetValue<string>());
        var next = job["nextRun"]!.GetValue<DateTimeOffset>();
        Assert.InRange(next - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromSeconds(61));
        Assert.Equal(0, next.Second);
        Assert.Contains(status["subscriptions"]!.AsArray(), s => s!["name"]!.GetValue<string>() == "projects/picadaily-local/subscriptions/collage-collage-refresh"
            && s["backlog"] is not null && s["inFlight"] is not null && s["delivered"] is not null && s["nacked"] is not null && s["deadLettered"] is not null);
        Assert.Equal(4, status["topics"]!.AsArray().Count);
    }
}
