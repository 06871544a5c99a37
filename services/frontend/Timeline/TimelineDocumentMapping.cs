using PicADaily.GoogleCloud.Firestore;

namespace PicADaily.Frontend.Timeline;

/// <summary>A <see cref="TimelineEntry"/> ⇄ the fields of its Firestore document.</summary>
internal static class TimelineDocumentMapping
{
    public static class Fields
    {
        public const string Picture = "picture";
        public const string Generation = "generation";
        public const string Kind = "kind";
        public const string EventType = "type";
        public const string Service = "service";
        public const string Time = "time";
        public const string Summary = "summary";
        public const string Reason = "reason";

        /// <summary>The commit time that stored the entry (server-assigned): the live cursor's order.</summary>
        public const string Recorded = "recorded";

        /// <summary>Whether everybody could see the picture when the entry was recorded: who may hear its name live.</summary>
        public const string VisibleWhenRecorded = "visibleWhenRecorded";
    }

    public static Dictionary<string, FirestoreValue> ToFields(TimelineEntry entry) => new()
    {
        [Fields.Picture] = entry.Picture,
        [Fields.Generation] = entry.Generation,
        [Fields.Kind] = entry.Kind,
        [Fields.EventType] = entry.EventType,
        [Fields.Service] = entry.Service,
        [Fields.Time] = entry.Time,
        [Fields.Summary] = entry.Summary,
        [Fields.Reason] = entry.Reason is null ? FirestoreValue.Null : entry.Reason,
    };

    /// <summary>The entry with its cursor, or null for an entry stored before cursors existed (it has no place in the live order).</summary>
    public static RecordedEntry? RecordedFromDocument(FirestoreDocument document) =>
        document[Fields.Recorded] is TimestampValue recorded
            ? new RecordedEntry(FromDocument(document), new TimelineCursor(recorded.Value, document.Id), document[Fields.VisibleWhenRecorded] is BooleanValue { Value: true })
            : null;

    public static TimelineEntry FromDocument(FirestoreDocument document) => new(
        document.Id,
        Text(document, Fields.Picture) ?? "",
        document[Fields.Generation] is IntegerValue generation ? generation.Value : 0,
        Text(document, Fields.Kind) ?? "",
        Text(document, Fields.EventType) ?? "",
        Text(document, Fields.Service) ?? "",
        document[Fields.Time] is TimestampValue time ? time.Value : DateTimeOffset.MinValue,
        Text(document, Fields.Summary) ?? "",
        Text(document, Fields.Reason));

    private static string? Text(FirestoreDocument document, string field) => document[field] is StringValue value ? value.Value : null;
}
