using PicADaily.Contracts.Events;

namespace PicADaily.Frontend.Flow;

/// <summary>
/// Which service publishes which activity event (docs/architecture.md). The topology declares what
/// services receive, not what they send, so the map's last column comes from here.
/// </summary>
public static class ActivityPublishers
{
    private static readonly Dictionary<string, string[]> ByService = new(StringComparer.Ordinal)
    {
        ["image-analysis"] = [EventTypes.PicADaily.PictureAnalyzed, EventTypes.PicADaily.PictureRejected, EventTypes.PicADaily.ProcessingFailed],
        ["thumbnail"] = [EventTypes.PicADaily.ThumbnailCreated, EventTypes.PicADaily.ProcessingFailed],
        ["collage"] = [EventTypes.PicADaily.CollageCreated],
        ["garbage-collection"] = [EventTypes.PicADaily.PictureCleaned],
    };

    public static IReadOnlyList<string> Of(string service) => ByService.TryGetValue(service, out var types) ? types : [];
}
