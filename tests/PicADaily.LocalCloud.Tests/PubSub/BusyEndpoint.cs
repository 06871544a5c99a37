using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PicADaily.LocalCloud.Tests.PubSub;

/// <summary>
/// A push endpoint on 127.0.0.1 that behaves like a service with a bounded work queue: it works on at
/// most <c>capacity</c> pushes at once and answers 429 at once to any push beyond that. It counts what
/// it saw, so a test can hold LocalCloud's status page against it.
/// </summary>
internal sealed class BusyEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly int capacity;
    private readonly TimeSpan work;
    private readonly ConcurrentDictionary<string, int> acked = new(StringComparer.Ordinal);
    private int inside;
    private int working;
    private int peak;
    private int pushes;
    private int rejected;
    private int redeliveries;

    private BusyEndpoint(WebApplication app, int capacity, TimeSpan work)
    {
        this.app = app;
        this.capacity = capacity;
        this.work = work;
    }

    public string Url { get; private set; } = "";

    /// <summary>Most pushes inside the endpoint at one moment, rejected ones included.</summary>
    public int PeakConcurrency => Volatile.Read(ref peak);

    public int Pushes => Volatile.Read(ref pushes);

    public int Rejected => Volatile.Read(ref rejected);

    /// <summary>Pushes whose envelope said <c>deliveryAttempt</c> &gt; 1.</summary>
    public int Redeliveries => Volatile.Read(ref redeliveries);

    /// <summary>Payload → how often it was acked.</summary>
    public IReadOnlyDictionary<string, int> Acked => acked;

    /// <param name="work">How long an admitted push keeps its place: the stand-in for decoding a photo.</param>
    public static async Task<BusyEndpoint> StartAsync(int capacity, TimeSpan work)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var endpoint = new BusyEndpoint(app, capacity, work);
        app.MapPost("/events", (Delegate)endpoint.HandleAsync); // a route handler: its IResult is written
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        endpoint.Url = address.TrimEnd('/') + "/events";
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref inside);
        try
        {
            RaisePeak(now);
            Interlocked.Increment(ref pushes);
            var envelope = (await JsonDocument.ParseAsync(context.Request.Body)).RootElement;
            if (envelope.GetProperty("deliveryAttempt").GetInt32() > 1)
            {
                Interlocked.Increment(ref redeliveries);
            }

            if (Interlocked.Increment(ref working) > capacity)
            {
                Interlocked.Decrement(ref working);
                Interlocked.Increment(ref rejected);
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }

            try
            {
                await Task.Delay(work);
                var payload = Encoding.UTF8.GetString(envelope.GetProperty("message").GetProperty("data").GetBytesFromBase64());
                acked.AddOrUpdate(payload, 1, (_, n) => n + 1);
                return Results.NoContent();
            }
            finally
            {
                Interlocked.Decrement(ref working);
            }
        }
        finally
        {
            Interlocked.Decrement(ref inside);
        }
    }

    private void RaisePeak(int now)
    {
        var seen = Volatile.Read(ref peak);
        while (now > seen)
        {
            var previous = Interlocked.CompareExchange(ref peak, now, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
