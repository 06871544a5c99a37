namespace PicADaily.Contracts.Topology;

/// <summary>
/// The <c>infra/topology.json</c> this assembly was built with, embedded so that a deployed service
/// (which has no repository) still knows the choreography it was built for.
/// </summary>
public static class DeclaredTopology
{
    internal const string ResourceName = "PicADaily.Contracts.topology.json";

    private static readonly Lazy<Topology> Embedded = new(Read);

    /// <summary>The embedded topology, read and validated once.</summary>
    public static Topology Load() => Embedded.Value;

    private static Topology Read()
    {
        using var stream = typeof(DeclaredTopology).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded topology '{ResourceName}' is missing from {typeof(DeclaredTopology).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return TopologyLoader.Parse(reader.ReadToEnd(), "embedded infra/topology.json");
    }
}
