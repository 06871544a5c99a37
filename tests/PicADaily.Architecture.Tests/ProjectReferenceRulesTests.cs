using System.Xml.Linq;

namespace PicADaily.Architecture.Tests;

/// <summary>
/// The services are independent: the only thing linking them is shared/ (docs/architecture.md).
/// These rules read the project files themselves, so they hold for projects added later too.
/// </summary>
public sealed class ProjectReferenceRulesTests
{
    private static readonly string Root = FindRepositoryRoot();

    public static TheoryData<string> ServiceProjects() => new(Projects("services"));

    public static TheoryData<string> SharedProjects() => new(Projects("shared"));

    [Fact]
    public void There_are_services_and_shared_projects_to_check()
    {
        Assert.NotEmpty(Projects("services"));
        Assert.NotEmpty(Projects("shared"));
    }

    [Theory]
    [MemberData(nameof(ServiceProjects))]
    public void A_service_references_only_shared_projects(string project)
    {
        foreach (var reference in ProjectReferences(project))
        {
            Assert.True(IsUnder(reference, "shared"), $"{Relative(project)} references {Relative(reference)}, which is not under shared/");
        }
    }

    [Theory]
    [MemberData(nameof(SharedProjects))]
    public void Shared_references_nothing_under_services_or_infra(string project)
    {
        foreach (var reference in ProjectReferences(project))
        {
            Assert.True(IsUnder(reference, "shared"), $"{Relative(project)} references {Relative(reference)}, outside shared/");
        }
    }

    [Fact]
    public void Contracts_depend_only_on_the_cloudevents_sdk()
    {
        var project = Path.Combine(Root, "shared", "PicADaily.Contracts", "PicADaily.Contracts.csproj");
        var document = XDocument.Load(project);

        var packages = document.Descendants("PackageReference").Select(p => (string)p.Attribute("Include")!).Order().ToList();

        Assert.Equal(["CloudNative.CloudEvents", "CloudNative.CloudEvents.SystemTextJson"], packages);
        Assert.Empty(ProjectReferences(project));
        Assert.Empty(document.Descendants("FrameworkReference"));
    }

    private static IEnumerable<string> Projects(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> ProjectReferences(string project) =>
        XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, ((string)r.Attribute("Include")!).Replace('\\', Path.DirectorySeparatorChar))));

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(Path.Combine(Root, folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Relative(string path) => Path.GetRelativePath(Root, path);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PicADaily.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PicADaily.sln not found above " + AppContext.BaseDirectory);
    }
}
