using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PicADaily.Frontend.Gallery;
using PicADaily.Frontend.Live;

namespace PicADaily.Frontend.Pages;

/// <summary>The gallery: visible pictures, newest first, filtered by label, page by page.</summary>
[LivePage]
public sealed class IndexModel(GalleryQuery gallery) : PageModel
{
    public GalleryPage Gallery { get; private set; } = new([], null, null);

    public string? Label { get; private set; }

    public string? Error { get; private set; }

    public string GridUrl { get; private set; } = "";

    public async Task OnGetAsync(string? label, string? q, string? pageToken, CancellationToken cancellationToken) =>
        await LoadAsync(label ?? q, pageToken, cancellationToken);

    /// <summary>Just the grid, for the live refresh.</summary>
    public async Task<IActionResult> OnGetGridAsync(string? label, string? pageToken, CancellationToken cancellationToken)
    {
        await LoadAsync(label, pageToken, cancellationToken);
        return Partial("_GalleryGrid", Gallery);
    }

    private async Task LoadAsync(string? label, string? pageToken, CancellationToken cancellationToken)
    {
        Label = string.IsNullOrWhiteSpace(label) ? null : label;
        GridUrl = PictureUrls.GalleryGrid(Label, pageToken);
        try
        {
            Gallery = await gallery.GetPageAsync(null, Label, pageToken, cancellationToken);
        }
        catch (ArgumentException)
        {
            Error = "That page no longer exists; here is the first page.";
            Gallery = await gallery.GetPageAsync(null, Label, null, cancellationToken);
        }
    }
}
