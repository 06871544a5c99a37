using PicADaily.Frontend.Gallery;
using PicADaily.Frontend.Timeline;

namespace PicADaily.Frontend.Api;

/// <summary>A gallery picture in the API: the original's fields (name, labels, color, created) and links.</summary>
public sealed record PictureSummaryJson(string Name, string? OriginalName, IReadOnlyList<string> Labels, string? Color, DateTimeOffset Created, string Page, string Image, string Thumbnail)
{
    public static PictureSummaryJson From(GalleryItem item) => new(
        item.Picture.Name,
        item.OriginalName,
        item.Picture.Labels,
        item.Picture.Color,
        item.Picture.Created,
        PictureUrls.Page(item.Picture.Name),
        PictureUrls.Image(item.Picture.Name),
        PictureUrls.Thumbnail(item.Picture.Name));
}

/// <summary>A page of <c>GET /api/pictures</c>.</summary>
public sealed record PictureListJson(IReadOnlyList<PictureSummaryJson> Items, string? NextPageToken, string? Label);

/// <summary><c>GET /api/pictures/{name}</c>: what is stored, what analysis found, and the timeline.</summary>
public sealed record PictureDetailsJson(
    string Name,
    string? OriginalName,
    long? Generation,
    bool Visible,
    IReadOnlyList<string> Labels,
    string? Color,
    DateTimeOffset? Created,
    bool? Safe,
    string? RejectionReason,
    IReadOnlyList<TimelineEntryJson> Timeline)
{
    public static PictureDetailsJson From(PictureDetails details) => new(
        details.Name,
        details.Original?.OriginalName,
        details.Original?.Generation,
        details.Visible,
        details.Document?.Labels ?? [],
        details.Document?.Color,
        details.Document?.Created ?? details.Original?.Created,
        details.Document?.Analyzed == true ? details.Document.Safe : null,
        details.Document?.RejectionReason,
        details.Timeline.Select(TimelineEntryJson.From).ToList());
}

/// <summary>One timeline entry in the API.</summary>
public sealed record TimelineEntryJson(DateTimeOffset Time, string Kind, string Service, long Generation, string Summary, string? Reason, string EventType)
{
    public static TimelineEntryJson From(TimelineEntry entry) =>
        new(entry.Time, entry.Kind, entry.Service, entry.Generation, entry.Summary, entry.Reason, entry.EventType);
}

/// <summary><c>POST /api/pictures</c>: one result per file, in the order sent.</summary>
public sealed record UploadResponseJson(IReadOnlyList<Uploads.UploadResult> Results);
