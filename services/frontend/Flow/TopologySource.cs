using PicADaily.Contracts.Topology;

namespace PicADaily.Frontend.Flow;

/// <summary>
/// Finds and reads <c>infra/topology.json</c>: the configured <see cref="PathKey"/>, else the
/// nearest <c>infra/topology.json</c> above the content root (a checkout), else the copy published
/// next to the binaries (a deployment).
/// </summary>
public sealed class TopologySource(IConfiguration configuration, IWebHostEnvironment environment)
{
    public const string PathKey = "Topology:Path";

    public Topology Load() => TopologyLoader.Load(ResolvePath());

    public string ResolvePath()
    {
        if (configuration[PathKey] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured, environment.ContentRootPath);
        }

        for (var directory = new DirectoryInfo(environment.ContentRootPath); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "infra", "topology.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var published = Path.Combine(AppContext.BaseDirectory, "topology.json");
        return File.Exists(published)
            ? published
            : throw new FileNotFoundException($"No topology: set {PathKey}, or run from a checkout that has infra/topology.json.");
    }
}
