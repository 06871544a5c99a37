using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PicADaily.Frontend.Gallery;
using PicADaily.Frontend.Storage;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.Frontend.Pages;

/// <summary>One picture: the full image, what analysis found, delete, and its timeline ("where did my picture go?").</summary>
public sealed class PictureModel(PictureDetailsQuery query, IPictureObjects objects, IOptions<PicADailySettings> settings) : PageModel
{
    public PictureDetails? Details { get; private set; }

    public bool Deleted { get; private set; }

    public string Status => Details switch
    {
        { Original: null } => "deleted",
        { Visible: true } => "visible in the gallery",
        { Document: { Analyzed: true, Safe: false } } => "rejected as unsafe: not shown",
        _ => "being processed (or processing failed: see the timeline)",
    };

    public async Task<IActionResult> OnGetAsync(string name, bool deleted, CancellationToken cancellationToken)
    {
        Details = await query.GetAsync(name, cancellationToken);
        Deleted = deleted;
        return Details.Exists ? Page() : NotFound();
    }

    /// <summary>Just the timeline, for the live refresh.</summary>
    public async Task<IActionResult> OnGetTimelineAsync(string name, CancellationToken cancellationToken)
    {
        Details = await query.GetAsync(name, cancellationToken);
        return Partial("_Timeline", Details.Timeline);
    }

    // Only the original is deleted: its deletion event makes the choreography clean up the rest.
    public async Task<IActionResult> OnPostDeleteAsync(string name, CancellationToken cancellationToken)
    {
        await objects.DeleteAsync(settings.Value.PicturesBucket, name, cancellationToken);
        return Redirect(PictureUrls.Page(name) + "?deleted=true");
    }
}
