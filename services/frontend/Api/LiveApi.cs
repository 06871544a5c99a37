using System.Net.ServerSentEvents;
using PicADaily.Frontend.Live;

namespace PicADaily.Frontend.Api;

/// <summary>
/// <c>GET /api/live</c>: server-sent events, one <see cref="UpdateEvent"/> per new timeline entry, so
/// pages refresh without a reload. A <see cref="ReadyEvent"/> comes first, once the stream is listening.
/// </summary>
public static class LiveApi
{
    public const string UpdateEvent = "picture";
    public const string ReadyEvent = "ready";

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/live", (LiveUpdates updates, IHostApplicationLifetime lifetime, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.ServerSentEvents(StreamAsync(updates, lifetime, context.RequestAborted));
        });
        return endpoints;
    }

    // Ends on shutdown too, so an open browser tab never holds the server up.
    private static async IAsyncEnumerable<SseItem<LiveUpdate>> StreamAsync(LiveUpdates updates, IHostApplicationLifetime lifetime, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken requestAborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        using var subscription = updates.Subscribe();
        yield return new SseItem<LiveUpdate>(new LiveUpdate("", ReadyEvent, GalleryChanged: false), ReadyEvent);
        while (await WaitAsync(subscription, stop.Token))
        {
            while (subscription.Updates.TryRead(out var update))
            {
                yield return new SseItem<LiveUpdate>(update, UpdateEvent);
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
