using System.Text.Json.Serialization;

namespace PicADaily.Contracts.Storage;

/// <summary>
/// The Cloud Storage object resource (JSON API v1), as carried by notifications (JSON_API_V1) and
/// by Eventarc (google.events.cloud.storage.v1.StorageObjectData). int64 fields arrive as strings
/// or numbers; unknown members are ignored.
/// </summary>
public sealed record StorageObjectData
{
    [JsonPropertyName("bucket")] public string? Bucket { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("generation")] public long? Generation { get; init; }
    [JsonPropertyName("metageneration")] public long? Metageneration { get; init; }
    [JsonPropertyName("contentType")] public string? ContentType { get; init; }
    [JsonPropertyName("size")] public long? Size { get; init; }
    [JsonPropertyName("md5Hash")] public string? Md5Hash { get; init; }
    [JsonPropertyName("crc32c")] public string? Crc32c { get; init; }
    [JsonPropertyName("etag")] public string? Etag { get; init; }
    [JsonPropertyName("storageClass")] public string? StorageClass { get; init; }
    [JsonPropertyName("timeCreated")] public DateTimeOffset? TimeCreated { get; init; }
    [JsonPropertyName("updated")] public DateTimeOffset? Updated { get; init; }
    [JsonPropertyName("timeDeleted")] public DateTimeOffset? TimeDeleted { get; init; }
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    [JsonPropertyName("mediaLink")] public string? MediaLink { get; init; }
    [JsonPropertyName("selfLink")] public string? SelfLink { get; init; }
}
