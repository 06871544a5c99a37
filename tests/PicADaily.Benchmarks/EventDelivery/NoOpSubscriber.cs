using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

using PicADaily.Testing;

namespace PicADaily.Benchmarks.EventDelivery;

/// <summary>
/// A loopback HTTP endpoint that reads the body and answers 204: the push subscriber in the Pub/Sub
/// run and the POST target of the raw anchor. It counts requests and signals when a target is reached.
/// </summary>
internal sealed class NoOpSubscriber : IAsyncDisposable
{
    private readonly WebApplication app;
    private long count;
    private long target = long.MaxValue;
    private TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NoOpSubscriber(WebApplication app) => this.app = app;

    public Uri BaseUri { get; private set; } = null!;

    public static async Task<NoOpSubscriber> StartAsync()
    {
        var app = LoopbackHost.Create();
        var subscriber = new NoOpSubscriber(app);
        app.Run(subscriber.HandleAsync);
        subscriber.BaseUri = await LoopbackHost.StartAsync(app);
        return subscriber;
    }

    /// <summary>Resets the counter; the task completes when <paramref name="requests"/> more have arrived.</summary>
    public Task Expect(long requests)
    {
        reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref count, 0);
        Interlocked.Exchange(ref target, requests);
        return reached.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var buffer = new byte[4096];
        while (await context.Request.Body.ReadAsync(buffer) > 0)
        {
        }

        context.Response.StatusCode = 204;
        if (Interlocked.Increment(ref count) == Interlocked.Read(ref target))
        {
            reached.TrySetResult();
        }
    }
}
