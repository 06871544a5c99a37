using System.Text.Json.Nodes;

using PicADaily.LocalCloud.Tests.Support;
using PicADaily.Testing;

namespace PicADaily.LocalCloud.Tests.Topology;

/// <summary>LocalCloud takes the topology through its APIs from the provisioner, as the app host applies it.</summary>
public sealed class TopologyApplyTests
{
    private static readonly Dictionary<string, Uri> AllServices = new()
    {
        ["image-analysis"] = new("http://127.0.0.1:5101"),
        ["thumbnail"] = new("http://127.0.0.1:5102"),
        ["collage"] = new("http://127.0.0.1:5103"),
        ["garbage-collection"] = new("http://127.0.0.1:5104"),
        ["frontend"] = new("http://127.0.0.1:5105/"),
    };

    [Fact]
    public async Task The_provisioner_creates_the_declared_topics_and_subscriptions_with_their_endpoints()
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        await LocalCloudTopology.ApplyAsync(cloud.BaseUri, AllServices);
        var rest = new PubSubRest(new HttpClient { BaseAddress = cloud.BaseUri }, "picadaily-local");

        var topics = (await rest.GetAsync("v1/projects/picadaily-local/topics"))["topics"]!.AsArray().Select(t => t!["name"]!.GetValue<string>());
        var subscriptions = (await rest.GetAsync("v1/projects/picadaily-local/subscriptions"))["subscriptions"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>()[(rest.Subscription("").Length)..], s => s!);

        Assert.Equal(["collage-refresh", "dead-letters", "picture-activity", "picture-events"], topics.Select(t => t.Split('/')[^1]).Order());
        Assert.Equal(8, subscriptions.Count);
        Assert.Equal("http://127.0.0.1:5101/events", subscriptions["image-analysis-picture-events"]["pushConfig"]!["pushEndpoint"]!.GetValue<string>());
        Assert.Equal("http://127.0.0.1:5105/events", subscriptions["frontend-dead-letters"]["pushConfig"]!["pushEndpoint"]!.GetValue<string>());
        Assert.Equal("attributes.eventType = \"OBJECT_FINALIZE\"", subscriptions["thumbnail-picture-events"]["filter"]!.GetValue<string>());
        Assert.Equal("projects/picadaily-local/topics/dead-letters", subscriptions["collage-collage-refresh"]["deadLetterPolicy"]!["deadLetterTopic"]!.GetValue<string>());
        Assert.Equal(120, subscriptions["image-analysis-picture-events"]["ackDeadlineSeconds"]!.GetValue<int>());
    }

    [Fact]
    public async Task Applying_the_topology_again_or_restarting_changes_nothing()
    {
        var settings = new Dictionary<string, string?> { ["LocalCloud:TopologyPath"] = LocalCloudTopology.RepositoryTopologyPath };
        string before;
        string dataPath;
        await using (var cloud = await TestLocalCloud.StartAsync(settings: settings))
        {
            dataPath = cloud.DataPath;
            await LocalCloudTopology.ApplyAsync(cloud.BaseUri, AllServices);
            before = await SnapshotAsync(cloud);
            var again = await LocalCloudTopology.ApplyAsync(cloud.BaseUri, AllServices);
            Assert.True(again.NoChanges, string.Join("; ", again.Changes));
            Assert.Equal(before, await SnapshotAsync(cloud));
        }

        await using var restarted = await TestLocalCloud.StartAsync(dataPath, settings);
        Assert.Equal(before, await SnapshotAsync(restarted));
        Assert.True((await LocalCloudTopology.ApplyAsync(restarted.BaseUri, AllServices)).NoChanges);
    }

    [Fact]
    public async Task Retry_overrides_replace_the_declared_backoffs()
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        await LocalCloudTopology.ApplyAsync(cloud.BaseUri, AllServices, adjust: s => s with { MinimumBackoffOverride = "0.1s", MaximumBackoffOverride = "1s" });
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
