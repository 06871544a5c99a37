using Microsoft.Extensions.Options;
using PicADaily.Contracts.Pictures;
using PicADaily.Frontend.Storage;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.Frontend.Gallery;

/// <summary>One picture as the gallery shows it.</summary>
public sealed record GalleryItem(PictureDocument Picture, string? OriginalName);

/// <summary>A page of the gallery and the token of the next one (null on the last).</summary>
public sealed record GalleryPage(IReadOnlyList<GalleryItem> Items, string? NextPageToken, string? Label);

/// <summary>Visible pictures, newest first, with the file names their owners gave them.</summary>
public sealed class GalleryQuery(IPictureDirectory directory, IPictureObjects objects, IOptions<PicADailySettings> settings)
{
    public const int DefaultPageSize = 12;
    public const int MaxPageSize = 100;

    /// <exception cref="ArgumentException">The page token is not valid.</exception>
    public async Task<GalleryPage> GetPageAsync(int? pageSize, string? label, string? pageToken, CancellationToken cancellationToken)
    {
        var size = Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize);
        label = string.IsNullOrWhiteSpace(label) ? null : label;
        var page = await directory.ListVisibleAsync(size, label, string.IsNullOrEmpty(pageToken) ? null : pageToken, cancellationToken);
        var items = await Task.WhenAll(page.Pictures.Select(async picture =>
            new GalleryItem(picture, (await objects.GetAsync(settings.Value.PicturesBucket, picture.Name, cancellationToken))?.OriginalName)));
        return new GalleryPage(items, page.NextPageToken, label);
    }
}
