using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;

using PicADaily.Contracts.Topology;
using PicADaily.LocalCloud.Tests.Support;
using PicADaily.LocalCloud.Topology;

namespace PicADaily.LocalCloud.Tests.Topology;

public sealed class TopologyApplyTests
{
    private static readonly string TopologyPath = RepositoryFiles.Path("infra/topology.json");

    [Fact]
    public async Task LocalCloud_creates_the_declared_topics_and_subscriptions_with_resolved_endpoints()
    {
        await using var cloud = await TestLocalCloud.StartAsync(settings: new Dictionary<string, string?>
        {
            ["LocalCloud:TopologyPath"] = TopologyPath,
            ["LocalCloud:Endpoints:image-analysis"] = "http://127.0.0.1:5101",
            ["services:frontend:http:0"] = "http://127.0.0.1:5105/",
        });
        var rest = new PubSubRest(new HttpClient { BaseAddress = cloud.BaseUri }, "picadaily-local");

        var topics = (await rest.GetAsync("v1/projects/picadaily-local/topics"))["topics"]!.AsArray().Select(t => t!["name"]!.GetValue<string>());
        var subscriptions = (await rest.GetAsync("v1/projects/picadaily-local/subscriptions"))["subscriptions"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>()[(rest.Subscription("").Length)..], s => s!);

        Assert.Equal(["collage-refresh", "dead-letters", "picture-activity", "picture-events"], topics.Select(t => t.Split('/')[^1]).Order());
        Assert.Equal(8, subscriptions.Count);
        Assert.Equal("http://127.0.0.1:5101/events", subscriptions["image-analysis-picture-events"]["pushConfig"]!["pushEndpoint"]!.GetValue<string>());
        Assert.Equal("http://127.0.0.1:5105/events", subscriptions["frontend-dead-letters"]["pushConfig"]!["pushEndpoint"]!.GetValue<string>());
        // No endpoint known for the service: a pull subscription, shown with an empty pushConfig as Google shows it.
        Assert.Null(subscriptions["thumbnail-picture-events"]["pushConfig"]!["pushEndpoint"]);
        Assert.Equal("attributes.eventType = \"OBJECT_FINALIZE\"", subscriptions["thumbnail-picture-events"]["filter"]!.GetValue<string>());
        Assert.Equal("projects/picadaily-local/topics/dead-letters", subscriptions["collage-collage-refresh"]["deadLetterPolicy"]!["deadLetterTopic"]!.GetValue<string>());
        Assert.Equal(120, subscriptions["image-analysis-picture-events"]["ackDeadlineSeconds"]!.GetValue<int>());
    }

    [Fact]
    public async Task Applying_the_topology_again_or_restarting_changes_nothing()
    {
        var settings = new Dictionary<string, string?>
        {
            ["LocalCloud:TopologyPath"] = TopologyPath,
            ["LocalCloud:Endpoints:collage"] = "http://127.0.0.1:5103",
        };
        string before;
        string dataPath;
        await using (var cloud = await TestLocalCloud.StartAsync(settings: settings))
        {
            dataPath = cloud.DataPath;
            before = await SnapshotAsync(cloud);
            await cloud.Services.GetRequiredService<TopologyApplier>().ApplyAsync(TopologyLoader.Load(TopologyPath), CancellationToken.None);
            Assert.Equal(before, await SnapshotAsync(cloud));
        }

        await using var restarted = await TestLocalCloud.StartAsync(dataPath, settings);
        Assert.Equal(before, await SnapshotAsync(restarted));
    }

    [Fact]
    public async Task A_service_endpoint_configured_later_gets_the_backlog_kept_meanwhile()
    {
        await using var receiver = await PushReceiver.StartAsync();
        var settings = new Dictionary<string, string?> { ["LocalCloud:TopologyPath"] = TopologyPath };
        string dataPath;
        await using (var cloud = await TestLocalCloud.StartAsync(settings: settings))
        {
            dataPath = cloud.DataPath;
            var rest = new PubSubRest(new HttpClient { BaseAddress = cloud.BaseUri }, "picadaily-local");
            await rest.PublishOrFailAsync("collage-refresh", PubSubRest.Message("kept"));
        }

        settings["LocalCloud:Endpoints:collage"] = receiver.BaseUri.ToString();
        await using var configured = await TestLocalCloud.StartAsync(dataPath, settings);

        var push = (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(15)))[0];
        Assert.Equal("/events", push.Path);
    }

    [Fact]
    public async Task Configured_retry_overrides_replace_the_declared_backoffs()
    {
        await using var cloud = await TestLocalCloud.StartAsync(settings: new Dictionary<string, string?>
        {
            ["LocalCloud:TopologyPath"] = TopologyPath,
            ["LocalCloud:PubSub:RetryMinimumBackoffOverride"] = "0.1s",
            ["LocalCloud:PubSub:RetryMaximumBackoffOverride"] = "1s",
        });
        var rest = new PubSubRest(new HttpClient { BaseAddress = cloud.BaseUri }, "picadaily-local");

        var subscription = await rest.GetAsync("v1/projects/picadaily-local/subscriptions/thumbnail-picture-events");

        Assert.Equal("0.1s", subscription["retryPolicy"]!["minimumBackoff"]!.GetValue<string>());
        Assert.Equal("1s", subscription["retryPolicy"]!["maximumBackoff"]!.GetValue<string>());
    }

    private static async Task<string> SnapshotAsync(TestLocalCloud cloud)
    {
        using var http = new HttpClient { BaseAddress = cloud.BaseUri };
        var topics = await http.GetStringAsync("v1/projects/picadaily-local/topics");
        var subscriptions = await http.GetStringAsync("v1/projects/picadaily-local/subscriptions");
        var status = JsonNode.Parse(await http.GetStringAsync("localcloud/status"))!;
        var jobs = status["scheduler"]!.AsArray().Select(j => $"{j!["name"]}:{j["schedule"]}:{j["topic"]}");
        return topics + subscriptions + string.Join(",", jobs);
    }
}
