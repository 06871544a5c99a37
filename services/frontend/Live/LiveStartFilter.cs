using Microsoft.AspNetCore.Mvc.Filters;

namespace PicADaily.Frontend.Live;

/// <summary>
/// Notes where this instance's timeline poller stood before a page read what it shows, so the page's live
/// stream starts from there (<c>/api/live?after=</c>, written by the layout as <c>data-live-after</c>). An
/// entry recorded between the page's reads and its stream connecting is then replayed to it, never
/// missed; at worst an entry the page already shows is heard again, and the page refreshes that region
/// once more.
/// </summary>
internal sealed class LiveStartFilter(TimelinePoller poller) : IAsyncPageFilter
{
    private const string ItemKey = "PicADaily.LiveAfter";

    /// <summary>The cursor a page's stream should start after, or null when the poller has not read the timeline yet.</summary>
    public static string? For(HttpContext context) => context.Items[ItemKey] as string;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (poller.Position is { } position)
        {
            context.HttpContext.Items[ItemKey] = position.ToString();
        }

        return next();
    }
}
