namespace PicADaily.LocalCloud.Storage;

/// <summary>
/// What applying <c>infra/topology.json</c> needs from LocalCloud's storage: idempotent creation of
/// buckets and of bucket notification configs (the same resources the Storage JSON API exposes).
/// </summary>
public interface IBucketProvisioner
{
    Task EnsureBucketAsync(string bucket, CancellationToken cancellationToken);

    /// <param name="topic">Full topic name, <c>projects/{p}/topics/{t}</c>.</param>
    /// <param name="eventTypes">e.g. OBJECT_FINALIZE, OBJECT_DELETE; empty = all.</param>
    /// <param name="payloadFormat">JSON_API_V1 or NONE.</param>
    Task EnsureNotificationAsync(string bucket, string topic, IReadOnlyList<string> eventTypes, string payloadFormat, CancellationToken cancellationToken);
}
