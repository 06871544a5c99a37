namespace PicADaily.LocalCloud.Storage.Model;

/// <summary>The index entry of the live generation of an object.</summary>
/// <param name="FileTicks">Last-write time of the file when it was recorded; with <paramref name="Size"/> it tells whether someone changed the file since.</param>
/// <param name="Headers">The optional HTTP-ish fields: cacheControl, contentDisposition, contentEncoding, contentLanguage.</param>
public sealed record StoredObject(
    string Bucket,
    string Name,
    long Generation,
    long Metageneration,
    long Size,
    string? ContentType,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyDictionary<string, string> Headers,
    string Md5Hash,
    string Crc32C,
    DateTimeOffset TimeCreated,
    DateTimeOffset Updated,
    long FileTicks);

/// <summary>A bucket as the index knows it.</summary>
public sealed record BucketRecord(string Name, string Project, long Metageneration, DateTimeOffset TimeCreated);

/// <summary>A bucket notification config (the Storage JSON API <c>notificationConfigs</c> resource).</summary>
/// <param name="Topic">Short form <c>projects/{p}/topics/{t}</c>.</param>
public sealed record NotificationConfig(
    string Bucket,
    long Id,
    string Topic,
    string PayloadFormat,
    IReadOnlyList<string> EventTypes,
    string? ObjectNamePrefix,
    IReadOnlyDictionary<string, string> CustomAttributes)
{
    public string Name => $"projects/_/buckets/{Bucket}/notificationConfigs/{Id}";

    public bool Matches(string eventType, string objectName) =>
        (EventTypes.Count == 0 || EventTypes.Contains(eventType))
        && (string.IsNullOrEmpty(ObjectNamePrefix) || objectName.StartsWith(ObjectNamePrefix, StringComparison.Ordinal));
}

/// <summary>A notification waiting to be published.</summary>
public sealed record OutboxEntry(long Id, string Topic, IReadOnlyDictionary<string, string> Attributes, byte[] Data, int Attempts);
