using System.Text.Json;
using System.Text.Json.Serialization;

namespace PicADaily.Contracts.Topology;

/// <summary>Reads and checks <c>infra/topology.json</c>. Every reference must name a declared topic or bucket.</summary>
public static class TopologyLoader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <exception cref="InvalidDataException">The file is not valid JSON or breaks a rule of the schema.</exception>
    public static Topology Load(string path) => Parse(File.ReadAllText(path), path);

    /// <exception cref="InvalidDataException">The text is not valid JSON or breaks a rule of the schema.</exception>
    public static Topology Parse(string json, string source = "topology")
    {
        Topology? topology;
        try
        {
            topology = JsonSerializer.Deserialize<Topology>(json, Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a valid topology document: {e.Message}", e);
        }

        if (topology is null)
        {
            throw new InvalidDataException($"{source}: empty topology document");
        }

        var normalized = topology with
        {
            Buckets = topology.Buckets ?? [],
            Notifications = topology.Notifications ?? [],
            Topics = topology.Topics ?? [],
            Subscriptions = topology.Subscriptions ?? [],
            Schedules = topology.Schedules ?? [],
            Services = (topology.Services ?? []).Select(s => s with
            {
                Handles = s.Handles ?? [],
                Publishes = (s.Publishes ?? []).Select(p => p with { EventTypes = p.EventTypes ?? [] }).ToList(),
            }).ToList(),
        };
        TopologyValidator.Validate(normalized, source);
        return normalized;
    }
}
