using System.Text.RegularExpressions;
using System.Xml.Linq;
using PicADaily.Contracts.Topology;
using PicADaily.Provisioner.Tests.Support;

namespace PicADaily.Provisioner.Tests;

/// <summary>
/// No Docker engine runs here, so the Dockerfiles and the compose file are checked for what breaks
/// a build or a run most often: a project reference the build stage never copies, a root user, a
/// port other than PORT, a service the compose file forgets.
/// </summary>
public sealed partial class ContainerFilesTests
{
    public static TheoryData<string> Dockerfiles() =>
    [
        "services/image-analysis/Dockerfile", "services/thumbnail/Dockerfile", "services/collage/Dockerfile",
        "services/garbage-collection/Dockerfile", "services/frontend/Dockerfile",
        "infra/PicADaily.LocalCloud/Dockerfile", "infra/PicADaily.Provisioner/Dockerfile",
    ];

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void A_dockerfile_copies_every_project_its_project_references_before_restoring(string dockerfile)
    {
        var text = File.ReadAllText(Repository.File(dockerfile));
        var directory = Path.GetDirectoryName(dockerfile)!;
        var project = Directory.GetFiles(Repository.File(directory), "*.csproj").SingleOrDefault();
        if (project is null)
        {
            // The frontend arrives from its own branch; its Dockerfile names the project it expects.
            Assert.Contains("PicADaily.Frontend.csproj", text, StringComparison.Ordinal);
            return;
        }

        var restore = text.IndexOf("RUN dotnet restore", StringComparison.Ordinal);
        Assert.True(restore > 0, "no restore step");
        foreach (var reference in Closure(project).Append(project))
        {
            var relative = Path.GetRelativePath(Repository.Root, reference).Replace('\\', '/');
            var folder = Path.GetDirectoryName(relative)!.Replace('\\', '/');
            var csprojCopy = text.IndexOf($"COPY {relative} {folder}/", StringComparison.Ordinal);
            Assert.True(csprojCopy > 0 && csprojCopy < restore, $"{dockerfile} must copy {relative} before the restore");
            Assert.Contains($"COPY {folder}/ {folder}/", text, StringComparison.Ordinal);
        }

        foreach (var content in ContentFromOutsideTheProject(project))
        {
            Assert.Contains($"COPY {content} ", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void A_dockerfile_builds_on_the_sdk_runs_on_aspnet_as_a_non_root_user(string dockerfile)
    {
        var text = File.ReadAllText(Repository.File(dockerfile));

        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", FromLines(text)[0], StringComparison.Ordinal);
        Assert.Equal("FROM mcr.microsoft.com/dotnet/aspnet:10.0", FromLines(text)[^1]);
        Assert.Matches(@"(?m)^USER \$APP_UID$", text);
        Assert.Contains("COPY global.json Directory.Build.props Directory.Packages.props ./", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void A_server_image_listens_on_PORT_and_clears_the_base_images_fixed_port(string dockerfile)
    {
        var text = File.ReadAllText(Repository.File(dockerfile));
        if (dockerfile.Contains("Provisioner", StringComparison.Ordinal))
        {
            Assert.DoesNotContain("EXPOSE", text, StringComparison.Ordinal);
            return;
        }

        Assert.Matches(@"ENV PORT=\d+", text);
        Assert.Contains("ASPNETCORE_HTTP_PORTS= ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_compose_file_builds_every_service_of_the_topology_and_the_provisioner_points_pushes_at_them()
    {
        var compose = File.ReadAllText(Repository.File("docker-compose.yml"));
        var topology = TopologyLoader.Load(Repository.File("infra", "topology.json"));

        foreach (var service in topology.Subscriptions.Select(s => s.Service).Distinct())
        {
            Assert.Contains($"\n  {service}:\n", compose, StringComparison.Ordinal);
            Assert.Contains($"dockerfile: services/{service}/Dockerfile", compose, StringComparison.Ordinal);
            Assert.Contains($"- {service}=http://{service}:8080", compose, StringComparison.Ordinal);
        }

        foreach (var dockerfile in DockerfileReference().Matches(compose).Select(m => m.Groups[1].Value))
        {
            Assert.True(File.Exists(Repository.File(dockerfile)), $"{dockerfile} is named in docker-compose.yml but missing");
        }
    }

    [Fact]
    public void The_compose_file_publishes_ports_on_loopback_only()
    {
        var lines = File.ReadAllLines(Repository.File("docker-compose.yml"));
        var published = lines
            .Select((line, index) => (line, index))
            .Where(l => l.line.Trim() == "ports:")
            .SelectMany(l => lines.Skip(l.index + 1).TakeWhile(p => p.TrimStart().StartsWith("- ", StringComparison.Ordinal) || p.TrimStart().StartsWith('#')))
            .Where(p => p.TrimStart().StartsWith("- ", StringComparison.Ordinal))
            .Select(p => p.Trim()[2..].Trim('"', '\''))
            .ToList();

        Assert.NotEmpty(published);
        Assert.All(published, port => Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal));
    }

    private static List<string> FromLines(string text) =>
        text.Split('\n').Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();

    private static IEnumerable<string> Closure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.Count > 0)
        {
            foreach (var reference in References(pending.Pop()).Where(seen.Add))
            {
                pending.Push(reference);
            }
        }

        return seen;
    }

    private static IEnumerable<string> References(string project) =>
        XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, r.Attribute("Include")!.Value.Replace('\\', '/'))));

    private static IEnumerable<string> ContentFromOutsideTheProject(string project) =>
        XDocument.Load(project).Descendants("Content")
            .Select(c => c.Attribute("Include")?.Value.Replace('\\', '/'))
            .Where(include => include is not null && include.StartsWith("..", StringComparison.Ordinal))
            .Select(include => Path.GetRelativePath(Repository.Root, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include!))).Replace('\\', '/'));

    [GeneratedRegex(@"dockerfile: (\S+)")]
    private static partial Regex DockerfileReference();
}
