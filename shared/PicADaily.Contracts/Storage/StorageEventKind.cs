using PicADaily.Contracts.Events;

namespace PicADaily.Contracts.Storage;

/// <summary>What happened to a storage object, whichever way the event was delivered.</summary>
public enum StorageEventKind
{
    Finalized,
    Deleted,
    Archived,
    MetadataUpdated,
}

/// <summary>Maps between the notification names (OBJECT_FINALIZE) and the CloudEvent types (…object.v1.finalized).</summary>
public static class StorageEventKinds
{
    public static bool TryFromNotification(string? eventType, out StorageEventKind kind)
    {
        (var known, kind) = eventType switch
        {
            StorageNotification.ObjectFinalize => (true, StorageEventKind.Finalized),
            StorageNotification.ObjectDelete => (true, StorageEventKind.Deleted),
            StorageNotification.ObjectArchive => (true, StorageEventKind.Archived),
            StorageNotification.ObjectMetadataUpdate => (true, StorageEventKind.MetadataUpdated),
            _ => (false, default),
        };
        return known;
    }

    public static bool TryFromCloudEventType(string? type, out StorageEventKind kind)
    {
        (var known, kind) = type switch
        {
            EventTypes.Storage.Finalized => (true, StorageEventKind.Finalized),
            EventTypes.Storage.Deleted => (true, StorageEventKind.Deleted),
            EventTypes.Storage.Archived => (true, StorageEventKind.Archived),
            EventTypes.Storage.MetadataUpdated => (true, StorageEventKind.MetadataUpdated),
            _ => (false, default),
        };
        return known;
    }

    public static string ToCloudEventType(this StorageEventKind kind) => kind switch
    {
        StorageEventKind.Finalized => EventTypes.Storage.Finalized,
        StorageEventKind.Deleted => EventTypes.Storage.Deleted,
        StorageEventKind.Archived => EventTypes.Storage.Archived,
        StorageEventKind.MetadataUpdated => EventTypes.Storage.MetadataUpdated,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown storage event kind."),
    };
}
