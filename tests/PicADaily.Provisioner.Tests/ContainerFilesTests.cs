using System.Text.RegularExpressions;
using System.Xml.Linq;
using PicADaily.Contracts.Topology;
using PicADaily.Provisioner.Tests.Support;

namespace PicADaily.Provisioner.Tests;

/// <summary>
/// No Docker engine runs here, so the one Dockerfile and the compose file are checked for what breaks
/// a build or a run most often: a project reference the build stage never copies, a root user, a
/// port other than PORT, a service the compose file forgets.
/// </summary>
public sealed partial class ContainerFilesTests
{
    private static readonly string Dockerfile = File.ReadAllText(Repository.File("Dockerfile"));

    /// <summary>The folders docker-compose.yml builds (the same PROJECT_DIR values deploy.sh passes for the services).</summary>
    public static TheoryData<string> ProjectDirs() =>
        [.. ProjectDirArgument().Matches(File.ReadAllText(Repository.File("docker-compose.yml"))).Select(m => m.Groups[1].Value)];

    [Theory]
    [MemberData(nameof(ProjectDirs))]
    public void Every_project_an_image_is_built_from_references_only_what_the_dockerfile_copies(string projectDir)
    {
        var project = Assert.Single(Directory.GetFiles(Repository.File(projectDir), "*.csproj"));

        // The build copies all of shared/ and the project's own folder: nothing else may be referenced.
        foreach (var reference in Closure(project))
        {
            var relative = Path.GetRelativePath(Repository.Root, reference).Replace('\\', '/');
            Assert.True(relative.StartsWith("shared/", StringComparison.Ordinal), $"{projectDir} references {relative}, which the Dockerfile does not copy (only shared/ and {projectDir}/)");
        }

        foreach (var content in ContentFromOutsideTheProject(project))
        {
            Assert.Contains($"COPY {content} ", Dockerfile, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_dockerfile_copies_shared_wholesale_and_the_project_named_by_its_build_argument()
    {
        var restore = Dockerfile.IndexOf("RUN dotnet restore \"$PROJECT_DIR\"", StringComparison.Ordinal);

        Assert.True(restore > 0, "no restore of the project");
        Assert.InRange(Dockerfile.IndexOf("COPY shared/ shared/", StringComparison.Ordinal), 0, restore);
        Assert.InRange(Dockerfile.IndexOf("COPY ${PROJECT_DIR}/*.csproj ${PROJECT_DIR}/", StringComparison.Ordinal), 0, restore);
        Assert.True(Dockerfile.IndexOf("COPY ${PROJECT_DIR}/ ${PROJECT_DIR}/", StringComparison.Ordinal) > restore, "the sources come after the restore layer");
        Assert.Contains("infra/topology.json", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dockerfile_builds_on_the_sdk_runs_on_aspnet_as_a_non_root_user()
    {
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", FromLines(Dockerfile)[0], StringComparison.Ordinal);
        Assert.Equal("FROM mcr.microsoft.com/dotnet/aspnet:10.0", FromLines(Dockerfile)[^1]);
        Assert.Matches(@"(?m)^USER \$APP_UID$", Dockerfile);
        Assert.Contains("COPY global.json Directory.Build.props Directory.Packages.props ./", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_image_listens_on_PORT_and_clears_the_base_images_fixed_port()
    {
        Assert.Matches(@"ENV PORT=\d+", Dockerfile);
        Assert.Contains("ASPNETCORE_HTTP_PORTS= ", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void The_compose_file_builds_every_service_of_the_topology_and_the_provisioner_points_pushes_at_them()
    {
        var compose = File.ReadAllText(Repository.File("docker-compose.yml"));
        var topology = TopologyLoader.Load(Repository.File("infra", "topology.json"));

        foreach (var service in topology.Subscriptions.Select(s => s.Service).Distinct())
        {
            Assert.Contains($"\n  {service}:\n", compose, StringComparison.Ordinal);
            Assert.Contains($"PROJECT_DIR: services/{service}\n", compose, StringComparison.Ordinal);
            Assert.Contains($"- {service}=http://{service}:8080", compose, StringComparison.Ordinal);
        }

        // One recipe: no image names a Dockerfile of its own.
        Assert.DoesNotContain("dockerfile:", compose, StringComparison.Ordinal);
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

    [GeneratedRegex(@"PROJECT_DIR: (\S+)")]
    private static partial Regex ProjectDirArgument();
}
