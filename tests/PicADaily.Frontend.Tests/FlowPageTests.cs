using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PicADaily.Contracts.Topology;
using PicADaily.Frontend.Tests.Support;

namespace PicADaily.Frontend.Tests;

public sealed class FlowPageTests : IDisposable
{
    private readonly FrontendFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task The_flow_page_draws_every_bucket_topic_subscription_and_service_of_the_topology()
    {
        var topology = TopologyLoader.Load(RepositoryTopologyPath());

        var html = await factory.CreateClient().GetStringAsync("/flow");

        Assert.Contains("<svg class=\"flow\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<!text", html, StringComparison.Ordinal);
        foreach (var label in topology.Buckets.Concat(topology.Topics).Concat(topology.Subscriptions.Select(s => s.Name)).Concat(topology.Subscriptions.Select(s => s.Service)).Distinct())
        {
            Assert.Contains($">{label}</text>", html, StringComparison.Ordinal);
        }

        Assert.Contains("class=\"edge dead-letter\"", html, StringComparison.Ordinal);
        foreach (var published in topology.DeclaredServices.SelectMany(s => s.Publishes ?? []).SelectMany(p => p.EventTypes))
        {
            Assert.Contains($">{published["dev.picadaily.".Length..]}</text>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_activity_column_shows_what_the_topology_says_each_service_publishes()
    {
        var original = File.ReadAllText(RepositoryTopologyPath());
        var edited = original.Replace("\"dev.picadaily.collage.created.v1\"] }", "\"dev.picadaily.collage.painted.v1\"] }", StringComparison.Ordinal);
        Assert.NotEqual(original, edited);
        var path = Path.Combine(Path.GetTempPath(), $"topology-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, edited);
        try
        {
            using var configured = factory.WithWebHostBuilder(b => b.UseSetting("Topology:Path", path));

            var html = await configured.CreateClient().GetStringAsync("/flow");

            Assert.Contains(">collage.painted.v1</text>", html, StringComparison.Ordinal);
            Assert.DoesNotContain(">collage.created.v1</text>", html, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_configured_topology_path_wins_and_a_missing_file_is_explained_not_a_crash()
    {
        using var configured = factory.WithWebHostBuilder(b => b.UseSetting("Topology:Path", "/nonexistent/topology.json"));

        var response = await configured.CreateClient().GetAsync("/flow");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The topology could not be read", html, StringComparison.Ordinal);
    }

    private static string RepositoryTopologyPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "infra", "topology.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("infra/topology.json not found above " + AppContext.BaseDirectory);
    }
}
