namespace PicADaily.Contracts.Events;

/// <summary>
/// Every event type the system speaks, as explicit constants (never derived from class names).
/// Ours are versioned: a breaking change to a payload is a new type, not an edit.
/// </summary>
public static class EventTypes
{
    /// <summary>Eventarc CloudEvent types for Cloud Storage objects (google-cloudevents).</summary>
    public static class Storage
    {
        public const string Finalized = "google.cloud.storage.object.v1.finalized";
        public const string Deleted = "google.cloud.storage.object.v1.deleted";
        public const string Archived = "google.cloud.storage.object.v1.archived";
        public const string MetadataUpdated = "google.cloud.storage.object.v1.metadataUpdated";
    }

    /// <summary>The CloudEvent type Eventarc uses for a Pub/Sub message, and which we give to plain messages (e.g. a schedule tick).</summary>
    public const string PubSubMessagePublished = "google.cloud.pubsub.topic.v1.messagePublished";

    /// <summary>Our own events, published to <see cref="Topics.PictureActivity"/>.</summary>
    public static class PicADaily
    {
        public const string PictureAnalyzed = "dev.picadaily.picture.analyzed.v1";
        public const string PictureRejected = "dev.picadaily.picture.rejected.v1";
        public const string ThumbnailCreated = "dev.picadaily.thumbnail.created.v1";
        public const string CollageCreated = "dev.picadaily.collage.created.v1";
        public const string PictureCleaned = "dev.picadaily.picture.cleaned.v1";
        public const string ProcessingFailed = "dev.picadaily.processing.failed.v1";

        public static IReadOnlyList<string> All { get; } =
            [PictureAnalyzed, PictureRejected, ThumbnailCreated, CollageCreated, PictureCleaned, ProcessingFailed];
    }
}
