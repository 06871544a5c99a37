using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Storage;

namespace PicADaily.Frontend.Timeline;

/// <summary>
/// Turns an event into the timeline entries it means: one per picture it concerns (a collage
/// concerns several). A dead-lettered message becomes a failure entry naming the subscription
/// that gave up and after how many attempts.
/// </summary>
public sealed class TimelineEntryFactory(TimeProvider clock)
{
    private const string StorageService = "cloud-storage";

    public IReadOnlyList<TimelineEntry> FromStorageEvent(StorageObjectEvent storage)
    {
        var (kind, summary) = storage.Kind switch
        {
            StorageEventKind.Finalized when storage.OverwroteGeneration is { } old => (TimelineKinds.Replaced, $"uploaded, replacing generation {old}"),
            StorageEventKind.Finalized => (TimelineKinds.Uploaded, "uploaded"),
            _ when storage.IsSupersede => (TimelineKinds.Superseded, $"replaced by generation {storage.OverwrittenByGeneration}"),
            _ => (TimelineKinds.Deleted, "deleted from the pictures bucket"),
        };
        var time = storage.Time ?? storage.Object?.TimeDeleted ?? storage.Object?.Updated ?? storage.Object?.TimeCreated ?? clock.GetUtcNow();
        var entry = new TimelineEntry(
            IdOf("storage", storage.DeduplicationKey),
            storage.Name,
            storage.Generation,
            kind,
            storage.Type,
            StorageService,
            time,
            summary,
            Reason: null);
        return [MarkIfDeadLettered(entry, storage)];
    }

    public IReadOnlyList<TimelineEntry> FromActivityEvent(ActivityEvent activity)
    {
        var service = ServiceOf(activity);
        var time = activity.Time ?? clock.GetUtcNow();
        var entries = activity.Payload switch
        {
            PictureAnalyzed analyzed => [Entry(analyzed, TimelineKinds.Analyzed, Describe(analyzed), null)],
            PictureRejected rejected => [Entry(rejected, TimelineKinds.Rejected, "rejected as unsafe; it will not be shown", rejected.Reason)],
            ThumbnailCreated thumbnail => [Entry(thumbnail, TimelineKinds.ThumbnailCreated, $"thumbnail created ({thumbnail.ContentType})", null)],
            PictureCleaned cleaned => [Entry(cleaned, TimelineKinds.Cleaned, Describe(cleaned), null)],
            ProcessingFailed failed => [Entry(failed, TimelineKinds.ProcessingFailed, $"processing failed in {failed.Service} ({failed.ReasonCode})", failed.Reason) with { Service = failed.Service }],
            CollageCreated collage => collage.Pictures.Select((picture, index) => new TimelineEntry(
                IdOf("activity", activity.Id, activity.Source.OriginalString, picture.Name),
                picture.Name,
                picture.Generation,
                TimelineKinds.InCollage,
                activity.Type,
                service,
                time,
                $"shown in the collage, position {index + 1} of {collage.Pictures.Count}",
                null)).ToList(),
            _ => new List<TimelineEntry>(),
        };
        return entries.Select(entry => MarkIfDeadLettered(entry, activity)).ToList();

        TimelineEntry Entry(IPictureEvent picture, string kind, string summary, string? reason) => new(
            IdOf("activity", activity.Id, activity.Source.OriginalString),
            picture.Name,
            picture.Generation,
            kind,
            activity.Type,
            service,
            time,
            summary,
            reason);
    }

    private TimelineEntry MarkIfDeadLettered(TimelineEntry entry, InboundEvent inboundEvent)
    {
        if (inboundEvent.Delivery.DeadLetter is not { } deadLetter)
        {
            return entry;
        }

        var subscription = ShortName(deadLetter.SourceSubscription) ?? "an unknown subscription";
        var attempts = deadLetter.SourceDeliveryCount is { } count ? count.ToString(CultureInfo.InvariantCulture) : "several";
        return entry with
        {
            Id = IdOf("dead-letter", entry.Id),
            Kind = TimelineKinds.DeadLettered,
            Service = subscription,
            Time = clock.GetUtcNow(),
            Summary = $"gave up on \"{entry.Summary}\"",
            Reason = $"dead-lettered after {attempts} attempts by subscription {subscription}",
        };
    }

    private static string Describe(PictureAnalyzed analyzed) =>
        analyzed.Labels.Count == 0
            ? $"analysed as safe; colour {analyzed.Color}"
            : $"analysed as safe; colour {analyzed.Color}; labels {string.Join(", ", analyzed.Labels)}";

    private static string Describe(PictureCleaned cleaned) =>
        $"cleaned up: thumbnail {(cleaned.ThumbnailDeleted ? "deleted" : "already gone")}, document {(cleaned.DocumentDeleted ? "deleted" : "already gone")}";

    // Sources are "//picadaily.dev/services/{name}": the last segment names the service.
    private static string ServiceOf(ActivityEvent activity)
    {
        var source = activity.Source.OriginalString.TrimEnd('/');
        var slash = source.LastIndexOf('/');
        return slash >= 0 && slash < source.Length - 1 ? source[(slash + 1)..] : source;
    }

    private static string? ShortName(string? fullName) =>
        string.IsNullOrEmpty(fullName) ? null : fullName[(fullName.LastIndexOf('/') + 1)..];

    // A hash keeps ids within Firestore's limits whatever the object name, and equal for equal identities.
    private static string IdOf(params string[] parts)
    {
        var identity = string.Join('\n', parts);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
    }
}
