namespace PicADaily.Frontend.Timeline;

/// <summary>
/// One thing that happened to a picture: what, when, which service, and for failures why.
/// <see cref="Id"/> is derived from the event's identity, so a redelivered event maps to the same entry.
/// </summary>
public sealed record TimelineEntry(
    string Id,
    string Picture,
    long Generation,
    string Kind,
    string EventType,
    string Service,
    DateTimeOffset Time,
    string Summary,
    string? Reason)
{
    /// <summary>True for entries that say something went wrong (shown as failures, with the reason).</summary>
    public bool IsFailure => Kind is TimelineKinds.ProcessingFailed or TimelineKinds.DeadLettered or TimelineKinds.Rejected;
}

/// <summary>The kinds of timeline entry: stable short names, used by the pages and the live updates.</summary>
public static class TimelineKinds
{
    public const string Uploaded = "uploaded";
    public const string Replaced = "replaced";
    public const string Deleted = "deleted";
    public const string Superseded = "superseded";
    public const string Analyzed = "analyzed";
    public const string Rejected = "rejected";
    public const string ThumbnailCreated = "thumbnail-created";
    public const string InCollage = "in-collage";
    public const string Cleaned = "cleaned";
    public const string ProcessingFailed = "processing-failed";
    public const string DeadLettered = "dead-lettered";
    public const string Replayed = "replayed";

    /// <summary>Kinds after which the set of visible pictures may have changed: the gallery refreshes on them.</summary>
    public static bool ChangesGallery(string kind) =>
        kind is Analyzed or ThumbnailCreated or Cleaned or Deleted or Rejected or Replaced;
}
