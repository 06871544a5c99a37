using System.Globalization;
using PicADaily.Contracts.Pictures;

namespace PicADaily.Pictures;

/// <summary>
/// What the services need to know about one object generation in a bucket: our own small record,
/// so handlers never see the Google client library's types.
/// </summary>
public sealed record BucketObject(
    string Bucket,
    string Name,
    long Generation,
    string? ContentType,
    long Size,
    DateTimeOffset? Created,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The picture generation this artifact was made from (its metadata), or null when it records none.</summary>
    public long? SourceGeneration => SourceGenerationIn(Metadata);

    /// <summary>The recorded source generation in an object's custom metadata, or null.</summary>
    public static long? SourceGenerationIn(IEnumerable<KeyValuePair<string, string>>? metadata) =>
        metadata?.FirstOrDefault(m => m.Key == ArtifactMetadata.SourceGeneration).Value is { } text
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            ? generation
            : null;
}
