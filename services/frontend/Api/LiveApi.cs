using System.Net.ServerSentEvents;
using PicADaily.Frontend.Access;
using PicADaily.Frontend.Live;

namespace PicADaily.Frontend.Api;

/// <summary>
/// <c>GET /api/live</c>: server-sent events, one <see cref="UpdateEvent"/> per new timeline entry, so
/// pages refresh without a reload. A <see cref="ReadyEvent"/> comes first, once the stream is listening.
/// A listener hears names only of pictures everybody may see, plus the one it asks about
/// (<c>?picture=</c>, whose page it has open); admins hear everything. Otherwise it only learns that
/// the gallery changed.
/// </summary>
public static class LiveApi
{
    public const string UpdateEvent = "picture";
    public const string ReadyEvent = "ready";

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/live", (LiveUpdates updates, IHostApplicationLifetime lifetime, HttpContext context, string? picture) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var viewer = context.GetViewer();
            return TypedResults.ServerSentEvents(StreamAsync(updates, update => ForListener(update, viewer, picture), lifetime, context.RequestAborted));
        });
        return endpoints;
    }

    /// <summary>The update as this listener may hear it, or null when it hears nothing of it.</summary>
    internal static LiveUpdate? ForListener(LiveUpdate update, Viewer viewer, string? picture)
    {
        if (viewer.IsAdmin || update.Visible || (!string.IsNullOrEmpty(picture) && picture == update.Picture))
        {
            return update;
        }

        return update.GalleryChanged ? LiveUpdate.GalleryChangedOnly : null;
    }

    // Ends on shutdown too, so an open browser tab never holds the server up.
    private static async IAsyncEnumerable<SseItem<LiveUpdate>> StreamAsync(LiveUpdates updates, Func<LiveUpdate, LiveUpdate?> filter, IHostApplicationLifetime lifetime, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken requestAborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        using var subscription = updates.Subscribe();
        yield return new SseItem<LiveUpdate>(new LiveUpdate("", ReadyEvent, GalleryChanged: false, Visible: true), ReadyEvent);
        while (await WaitAsync(subscription, stop.Token))
        {
            while (subscription.Updates.TryRead(out var update))
            {
                if (filter(update) is { } heard)
                {
                    yield return new SseItem<LiveUpdate>(heard, UpdateEvent);
                }
            }
        }
    }

    private static async Task<bool> WaitAsync(LiveUpdates.Subscription subscription, CancellationToken stop)
    {
        try
        {
            return await subscription.Updates.WaitToReadAsync(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false;
        }
    }
}
