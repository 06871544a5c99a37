namespace PicADaily.Contracts.Storage;

/// <summary>Attribute names and values of Cloud Storage Pub/Sub notifications (docs/wire-formats.md).</summary>
public static class StorageNotification
{
    public const string EventTypeAttribute = "eventType";
    public const string PayloadFormatAttribute = "payloadFormat";
    public const string BucketIdAttribute = "bucketId";
    public const string ObjectIdAttribute = "objectId";
    public const string ObjectGenerationAttribute = "objectGeneration";
    public const string EventTimeAttribute = "eventTime";
    public const string OverwroteGenerationAttribute = "overwroteGeneration";
    public const string OverwrittenByGenerationAttribute = "overwrittenByGeneration";
    public const string NotificationConfigAttribute = "notificationConfig";

    public const string ObjectFinalize = "OBJECT_FINALIZE";
    public const string ObjectDelete = "OBJECT_DELETE";
    public const string ObjectArchive = "OBJECT_ARCHIVE";
    public const string ObjectMetadataUpdate = "OBJECT_METADATA_UPDATE";

    public const string JsonApiV1 = "JSON_API_V1";
    public const string NoPayload = "NONE";
}
