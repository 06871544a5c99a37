namespace PicADaily.LocalCloud.Hosting;

/// <summary>
/// Settings of the LocalCloud process. Bound from configuration section "LocalCloud";
/// <c>PICADAILY_DATA</c> overrides <see cref="DataPath"/>.
/// </summary>
public sealed class LocalCloudOptions
{
    public const string SectionName = "LocalCloud";

    /// <summary>Root of all state: buckets, indexes, queues. Default: <c>.data/</c> at the repository root.</summary>
    public string DataPath { get; set; } = "";

    /// <summary>The project id used in resource names when a request does not say otherwise.</summary>
    public string ProjectId { get; set; } = "picadaily-local";

    /// <summary>Path of the declared choreography (<c>infra/topology.json</c>), whose schedules LocalCloud runs; empty = none.</summary>
    public string TopologyPath { get; set; } = "";
}
