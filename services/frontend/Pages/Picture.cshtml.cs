using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PicADaily.Frontend.Access;
using PicADaily.Frontend.Gallery;
using PicADaily.Frontend.Live;
using PicADaily.Frontend.Ownership;

namespace PicADaily.Frontend.Pages;

/// <summary>One picture: the full image (when everybody may see it), what analysis found, delete, and its timeline ("where did my picture go?").</summary>
[LivePage]
public sealed class PictureModel(PictureDetailsQuery query, PictureDeleter deleter, TraceLinks traces) : PageModel
{
    /// <summary>Where the picture's trace is shown (the dashboard locally, Cloud Trace on Google Cloud), if known.</summary>
    public Uri? TraceUrl => Details?.TraceId is { } traceId ? traces.For(traceId) : null;

    public PictureDetails? Details { get; private set; }

    public bool Deleted { get; private set; }

    /// <summary>Why the last delete was refused, shown on the page.</summary>
    public string? Refusal { get; private set; }

    // A hidden original's bytes go to admins only here: the uploader's token lives in the browser, and an <img> cannot send it.
    public bool MayShowImage => Details is { Visible: true } || HttpContext.GetViewer().IsAdmin;

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
    public async Task<IActionResult> OnPostDeleteAsync(string name, [FromForm(Name = DeleteCapability.FormField)] string? deleteToken, CancellationToken cancellationToken)
    {
        var result = await deleter.DeleteAsync(name, HttpContext.GetViewer(), deleteToken, cancellationToken);
        if (result.Outcome is DeleteOutcome.Deleted or DeleteOutcome.NotFound)
        {
            return Redirect(PictureUrls.Page(name) + "?deleted=true");
        }

        Details = await query.GetAsync(name, cancellationToken);
        Refusal = result.Reason;
        Response.StatusCode = result.Outcome == DeleteOutcome.Refused ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict;
        return Page();
    }
}
