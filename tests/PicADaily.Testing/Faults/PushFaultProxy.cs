using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PicADaily.Contracts.Decoding;

namespace PicADaily.Testing.Faults;

/// <summary>
/// Stands between Pub/Sub's push (LocalCloud or the official emulator) and one service, on 127.0.0.1,
/// forwarding every delivery to <see cref="Target"/> and injecting the fault its <see cref="FaultPlan"/>
/// picks: duplicate, delay, reorder, lose the ack after the work was done, answer on the service's
/// behalf, outlive the ack deadline, kill the service after its write. Every injected fault is counted
/// in <see cref="Counts"/> and every delivery is written to <see cref="History"/>.
/// </summary>
public sealed class PushFaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase) { "Host", "Content-Length", "Transfer-Encoding", "Connection" };
    private readonly WebApplication server;
    private readonly HttpClient forward = new() { Timeout = TimeSpan.FromMinutes(3) };
    private readonly ConcurrentQueue<string> history = new();
    private readonly List<(Func<PushDelivery, bool> Match, Task Release)> holds = [];
    private readonly List<(Func<PushDelivery, bool> Match, Task Release)> lateDeliveries = [];
    private readonly List<(Func<PushDelivery, bool> Match, TaskCompletionSource<PushDelivery> Answered)> watchers = [];
    private readonly List<(Func<PushDelivery, bool> Match, TaskCompletionSource<PushDelivery> Received)> arrivals = [];
    private readonly ConcurrentQueue<(PushDelivery Delivery, int Status)> answers = new();
    private readonly object gate = new();
    private TaskCompletionSource? overtaken;
    private long sequence;

    private PushFaultProxy(string service, FaultPlan plan, WebApplication server)
    {
        Service = service;
        Plan = plan;
        this.server = server;
    }

    public string Service { get; }

    public FaultPlan Plan { get; set; }

    /// <summary>Where Pub/Sub should push: this proxy.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Where the service really listens; until it is set, deliveries are answered 503.</summary>
    public Uri? Target { get; set; }

    /// <summary>
    /// Set while the service process is dead: deliveries are refused at once (502), as a dead instance
    /// refuses a connection, instead of waiting in the orchestrator's own proxy until the ack deadline.
    /// </summary>
    public bool ServiceDown { get; set; }

    /// <summary>
    /// When set, every forwarded delivery carries <c>Authorization: Bearer</c> with a token from it, as
    /// Pub/Sub adds for a subscription with an <c>oidcToken</c> (LocalCloud and the emulator send none).
    /// </summary>
    public Func<string>? PushToken { get; set; }

    /// <summary>Kills the service process (SIGKILL) for <see cref="PushFault.KillAfterWrite"/>.</summary>
    public Func<Task>? KillService { get; set; }

    /// <summary>How long <see cref="PushFault.Delay"/> holds a delivery.</summary>
    public TimeSpan DelayBy { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a <see cref="PushFault.Reorder"/> waits for a delivery to overtake it before it goes anyway.</summary>
    public TimeSpan ReorderWindow { get; init; } = TimeSpan.FromSeconds(3);

    public FaultCounts Counts { get; } = new();

    /// <summary>Every delivery, the fault injected and what the service answered, in arrival order.</summary>
    public IEnumerable<string> History => history;

    /// <summary>What the service itself answered to every forwarded delivery (502 when it could not be reached).</summary>
    public IEnumerable<(PushDelivery Delivery, int Status)> Answers => answers;

    public static async Task<PushFaultProxy> StartAsync(string service, FaultPlan plan)
    {
        var app = LoopbackHost.Create();
        var proxy = new PushFaultProxy(service, plan, app);
        app.Run(proxy.HandleAsync);
        proxy.Address = await LoopbackHost.StartAsync(app);
        return proxy;
    }

    /// <summary>Holds the first delivery matching <paramref name="match"/> until <paramref name="release"/> completes (counted as a delay).</summary>
    public void HoldUntil(Func<PushDelivery, bool> match, Task release)
    {
        lock (gate)
        {
            holds.Add((match, release));
        }
    }

    /// <summary>
    /// Acks the first delivery matching <paramref name="match"/> at once, on the service's behalf, and
    /// hands it to the service only after <paramref name="release"/> completes (counted as a delay): a
    /// delivery that arrives after later ones of the same subscription. Unlike <see cref="HoldUntil"/> it
    /// keeps no push outstanding, so it cannot block the very deliveries it waits for when the
    /// subscription's push window has shrunk to one. Until the service acks it, the proxy redelivers it
    /// (bounded), as Pub/Sub would have.
    /// </summary>
    public void DeliverLate(Func<PushDelivery, bool> match, Task release)
    {
        lock (gate)
        {
            lateDeliveries.Add((match, release));
        }
    }

    /// <summary>Completes when a delivery matching <paramref name="match"/> reaches the proxy (before any hold or fault).</summary>
    public Task<PushDelivery> ReceivedAsync(Func<PushDelivery, bool> match)
    {
        var received = new TaskCompletionSource<PushDelivery>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            arrivals.Add((match, received));
        }

        return received.Task;
    }

    /// <summary>Completes when a delivery matching <paramref name="match"/> was forwarded and the service answered it 2xx.</summary>
    public Task<PushDelivery> AnsweredAsync(Func<PushDelivery, bool> match)
    {
        var answered = new TaskCompletionSource<PushDelivery>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            watchers.Add((match, answered));
        }

        return answered.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await server.StopAsync();
        await server.DisposeAsync();
        forward.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var request = new Captured(
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? ""))).ToList(),
            context.Request.ContentType,
            buffer.ToArray());
        var decoded = EventDecoder.Decode(new DeliveryRequest(request.Headers, request.ContentType, request.Body));
        var delivery = new PushDelivery(Service, Interlocked.Increment(ref sequence), decoded.Event);

        Notify(arrivals, delivery);
        if (Target is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            history.Enqueue($"{delivery} -> 503 (proxy not connected yet)");
            return;
        }

        if (Take(lateDeliveries, delivery) is { } late)
        {
            Counts.Add(PushFault.Delay);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            history.Enqueue($"{delivery} acked by the proxy, delivered late");
            _ = DeliverLateAsync(request, delivery, late);
            return;
        }

        if (Take(holds, delivery) is { } release)
        {
            Counts.Add(PushFault.Delay);
            await release.WaitAsync(TimeSpan.FromMinutes(2));
        }

        var fault = Plan.Decide(delivery);
        var status = await ApplyAsync(fault, request, delivery, context);
        history.Enqueue($"{delivery} {fault} -> {status}");
    }

    private async Task<string> ApplyAsync(PushFault fault, Captured request, PushDelivery delivery, HttpContext context)
    {
        switch (fault)
        {
            case PushFault.AnswerForService:
                Counts.Add(fault);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return "503 on the service's behalf";

            case PushFault.Delay:
                Counts.Add(fault);
                await Task.Delay(DelayBy);
                break;

            case PushFault.Reorder:
                if (await OvertakenAsync())
                {
                    Counts.Add(fault);
                }

                break;

            case PushFault.AckDeadlineExceeded:
                Counts.Add(fault);
                _ = ForwardAsync(request, delivery); // keeps working after Pub/Sub gave up on it
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return "503 (ack deadline passed while the handler ran)";
        }

        var answer = fault == PushFault.Duplicate
            ? await DuplicateAsync(request, delivery)
            : await ForwardAsync(request, delivery);
        ReleaseOvertaken();

        if (fault == PushFault.LoseAck)
        {
            Counts.Add(fault);
            context.Abort();
            return $"{answer.Status} dropped";
        }

        if (fault == PushFault.KillAfterWrite)
        {
            Counts.Add(fault);
            await (KillService ?? throw new InvalidOperationException($"No way to kill {Service} was given."))();
            context.Abort();
            return $"{answer.Status} dropped, service killed";
        }

        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        return answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<Answer> DuplicateAsync(Captured request, PushDelivery delivery)
    {
        Counts.Add(PushFault.Duplicate);
        var answers = await Task.WhenAll(ForwardAsync(request, delivery), ForwardAsync(request, delivery));
        history.Enqueue($"{delivery} duplicate answered {answers[0].Status} and {answers[1].Status}");
        return answers[0];
    }

    private async Task<Answer> ForwardAsync(Captured request, PushDelivery delivery)
    {
        if (ServiceDown)
        {
            answers.Enqueue((delivery, StatusCodes.Status502BadGateway));
            return new Answer(StatusCodes.Status502BadGateway, null);
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(Target!, request.PathAndQuery)) { Content = new ByteArrayContent(request.Body) };
        foreach (var (name, value) in request.Headers.Where(h => !NotForwarded.Contains(h.Key)))
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (PushToken is { } token)
        {
            message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token());
        }

        try
        {
            using var response = await forward.SendAsync(message);
            var status = (int)response.StatusCode;
            answers.Enqueue((delivery, status));
            if (status is >= 200 and < 300)
            {
                Notify(watchers, delivery);
            }

            return new Answer(status, response.Headers.RetryAfter?.ToString());
        }
        catch (HttpRequestException)
        {
            answers.Enqueue((delivery, StatusCodes.Status502BadGateway));
            return new Answer(StatusCodes.Status502BadGateway, null); // the service is down: a nack, as Pub/Sub would see it
        }
    }

    private void Notify(List<(Func<PushDelivery, bool> Match, TaskCompletionSource<PushDelivery> Done)> waiting, PushDelivery delivery)
    {
        lock (gate)
        {
            foreach (var waiter in waiting.Where(w => w.Match(delivery)).ToList())
            {
                waiting.Remove(waiter);
                waiter.Done.TrySetResult(delivery);
            }
        }
    }

    private async Task DeliverLateAsync(Captured request, PushDelivery delivery, Task release)
    {
        await release.WaitAsync(TimeSpan.FromMinutes(2));
        var giveUp = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        var answer = await ForwardAsync(request, delivery);
        while (answer.Status is < 200 or >= 300 && DateTime.UtcNow < giveUp)
        {
            await Task.Delay(DelayBy);
            answer = await ForwardAsync(request, delivery);
        }

        history.Enqueue($"{delivery} delivered late -> {answer.Status}");
    }

    private Task? Take(List<(Func<PushDelivery, bool> Match, Task Release)> waiting, PushDelivery delivery)
    {
        lock (gate)
        {
            var index = waiting.FindIndex(h => h.Match(delivery));
            if (index < 0)
            {
                return null;
            }

            var release = waiting[index].Release;
            waiting.RemoveAt(index);
            return release;
        }
    }

    /// <returns>Whether another delivery overtook this one within <see cref="ReorderWindow"/>.</returns>
    private async Task<bool> OvertakenAsync()
    {
        TaskCompletionSource waiting;
        lock (gate)
        {
            waiting = overtaken ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        try
        {
            await waiting.Task.WaitAsync(ReorderWindow);
            return true;
        }
        catch (TimeoutException)
        {
            lock (gate)
            {
                if (overtaken == waiting)
                {
                    overtaken = null;
                }
            }

            return false;
        }
    }

    private void ReleaseOvertaken()
    {
        TaskCompletionSource? waiting;
        lock (gate)
        {
            (waiting, overtaken) = (overtaken, null);
        }

        waiting?.TrySetResult();
    }

    private sealed record Captured(string PathAndQuery, IReadOnlyList<KeyValuePair<string, string>> Headers, string? ContentType, byte[] Body);

    private sealed record Answer(int Status, string? RetryAfter);
}
