using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using PicADaily.Frontend.Timeline;

namespace PicADaily.Frontend.Live;

/// <summary>
/// Notes the newest timeline entry before a live page (gallery, picture, collage) reads what it shows, so
/// the page's live stream starts after it (<c>/api/live?after=</c>, written by the layout as
/// <c>data-live-after</c>). An entry recorded between the page's reads and its stream connecting is then
/// replayed to it, never missed. The timeline itself is read (one small query), not the poller's position:
/// the poller lags by up to a poll interval, and replaying entries the page already shows made the collage
/// page reload for the collage it had just drawn.
/// </summary>
internal sealed class LiveStartFilter(ITimelineStore timeline) : IAsyncPageFilter
{
    private const string ItemKey = "PicADaily.LiveAfter";

    /// <summary>The cursor a page's stream should start after, or null when the page is not live or the timeline is empty.</summary>
    public static string? For(HttpContext context) => context.Items[ItemKey] as string;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // Only a full page's GET opens a stream; its fragments (the live refresh's handlers) do not.
        if (HttpMethods.IsGet(context.HttpContext.Request.Method) && string.IsNullOrEmpty(context.HandlerMethod?.Name)
            && await timeline.NewestCursorAsync(context.HttpContext.RequestAborted) is { } newest)
        {
            context.HttpContext.Items[ItemKey] = newest.ToString();
        }

        await next();
    }
}

/// <summary>Marks a page whose layout opens a live stream, so <see cref="LiveStartFilter"/> notes where the timeline stood.</summary>
internal sealed class LivePageAttribute() : ServiceFilterAttribute(typeof(LiveStartFilter));
