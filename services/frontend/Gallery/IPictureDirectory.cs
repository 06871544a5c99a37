using PicADaily.Contracts.Pictures;
using PicADaily.Pictures;

namespace PicADaily.Frontend.Gallery;

/// <summary>The picture documents the gallery reads: visible ones page by page, and any one by name.</summary>
public interface IPictureDirectory
{
    /// <exception cref="ArgumentException">The page token is not one this directory issued.</exception>
    Task<PicturePage> ListVisibleAsync(int pageSize, string? label, string? pageToken, CancellationToken cancellationToken);

    Task<PictureDocument?> GetAsync(string name, CancellationToken cancellationToken);
}

/// <summary><see cref="IPictureDirectory"/> over the shared <see cref="PictureCatalog"/>.</summary>
public sealed class CatalogPictureDirectory(PictureCatalog catalog) : IPictureDirectory
{
    public Task<PicturePage> ListVisibleAsync(int pageSize, string? label, string? pageToken, CancellationToken cancellationToken) =>
        catalog.ListVisibleAsync(pageSize, label, pageToken, cancellationToken);

    public async Task<PictureDocument?> GetAsync(string name, CancellationToken cancellationToken) =>
        (await catalog.GetAsync(name, cancellationToken))?.Document;
}
