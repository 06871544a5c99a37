using System.Collections.Concurrent;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PicADaily.Testing;

/// <summary>A push request as the subscriber saw it.</summary>
public sealed record ReceivedPush(DateTimeOffset At, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, int AnsweredStatus);

/// <summary>
/// A real HTTP subscriber on 127.0.0.1:0 that records every push and answers with the status
/// <see cref="Respond"/> chooses (or aborts the connection when it returns -1).
/// </summary>
public sealed class PushReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedPush> received = new();
    private readonly SemaphoreSlim arrivals = new(0);

    private PushReceiver(WebApplication app) => this.app = app;

    /// <summary>Chooses the answer for a push; -1 drops the connection. Default: 204.</summary>
    public Func<ReceivedPush, int> Respond { get; set; } = _ => 204;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Raised after each push was answered (or dropped).</summary>
    public event Action<ReceivedPush>? Answered;

    public IReadOnlyCollection<ReceivedPush> Received => received.ToArray();

    public string Endpoint(string path = "/events") => new Uri(BaseUri, path).ToString();

    public static async Task<PushReceiver> StartAsync()
    {
        var app = LoopbackHost.Create();
        var receiver = new PushReceiver(app);
        app.Run(receiver.HandleAsync);
        receiver.BaseUri = await LoopbackHost.StartAsync(app);
        return receiver;
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> pushes arrived.</summary>
    public async Task<IReadOnlyList<ReceivedPush>> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (received.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await arrivals.WaitAsync(left))
            {
                throw new TimeoutException($"Expected {count} pushes within {timeout}, got {received.Count}.");
            }
        }

        return received.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var probe = new ReceivedPush(DateTimeOffset.UtcNow, context.Request.Path, headers, body.ToArray(), 0);
        var status = Respond(probe);
        var answered = probe with { AnsweredStatus = status };
        received.Enqueue(answered);
        Answered?.Invoke(answered);
        arrivals.Release();
        if (status < 0)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = status;
    }
}
