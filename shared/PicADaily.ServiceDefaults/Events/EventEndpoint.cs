using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Storage;

namespace PicADaily.ServiceDefaults.Events;

/// <summary>
/// The one endpoint through which events reach a service, in any delivery shape. It decodes,
/// dispatches to the handler registered for the event type and answers per the delivery rules of docs/architecture.md:
/// handled or ignored → 204; retry → 503; permanent failure → processing.failed published, then
/// 204; undecodable → 400; an exception → 500, never an accidental ack; more events in progress
/// than <see cref="EventAdmission"/> allows → 429 with <c>Retry-After</c>, before the body is read.
/// </summary>
public static class EventEndpoint
{
    /// <summary>Pub/Sub messages are at most 10 MB; base64 in a JSON envelope adds a third.</summary>
    public const long MaxBodyBytes = 16 * 1024 * 1024;

    public static IEndpointConventionBuilder MapEventEndpoint(this IEndpointRouteBuilder endpoints, string pattern = "/events") =>
        endpoints.MapPost(pattern, HandleAsync).DisableAntiforgery().AddEndpointFilter<PushAuthenticationFilter>();

    /// <summary>Seconds a refused sender is asked to wait; Pub/Sub push uses its own backoff, other senders may honour it.</summary>
    private const int BusyRetryAfterSeconds = 1;

    private static async Task<IResult> HandleAsync(HttpContext context, EventAdmission admission, EventHandlerRegistry registry, EventTelemetry telemetry, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger(typeof(EventEndpoint).FullName!);

        // Before anything is read: a refusal must cost nothing, or refusing would itself overload the process.
        var (lease, refusedInARow) = admission.TryAdmit();
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            return Busy(context, admission, telemetry, logger, refusedInARow);
        }

        // Held until the answer is written (the context disposes it at the end of the request).
        context.Response.RegisterForDispose(lease);
        if (refusedInARow > 0)
        {
            logger.LogInformation("Accepting events again after {RefusedCount} busy answers", refusedInARow);
        }

        var request = await ReadAsync(context.Request, context.RequestAborted);
        if (request is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, detail: $"The delivery exceeds {MaxBodyBytes} bytes.");
        }

        var decoded = EventDecoder.Decode(request);
        if (!decoded.Succeeded)
        {
            logger.LogWarning("Rejected an undecodable delivery: {DecodeError}", decoded.Error);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Undecodable event", detail: decoded.Error);
        }

        var inboundEvent = decoded.Event;
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["EventId"] = inboundEvent.Id,
            ["EventType"] = inboundEvent.Type,
            ["ObjectName"] = inboundEvent.ObjectName,
            ["Generation"] = inboundEvent.ObjectGeneration,
            ["MessageId"] = inboundEvent.Delivery.MessageId,
            ["DeliveryAttempt"] = inboundEvent.Delivery.DeliveryAttempt,
        });

        if (!registry.TryFind(inboundEvent.Type, out var registration) || !registration.EventClass.IsInstanceOfType(inboundEvent))
        {
            logger.LogInformation("Event {EventId} of type {EventType} for {ObjectName}#{Generation}: ignored, no handler here", inboundEvent.Id, inboundEvent.Type, inboundEvent.ObjectName, inboundEvent.ObjectGeneration);
            telemetry.Outcomes.Add(1, new("type", inboundEvent.Type), new("outcome", "unhandled-type"));
            return Results.NoContent();
        }

        using var activity = StartActivity(inboundEvent);
        var started = Stopwatch.GetTimestamp();
        HandlerOutcome outcome;
        try
        {
            outcome = await registration.InvokeAsync(context.RequestServices, inboundEvent, context.RequestAborted);
        }
        catch (PermanentEventException e)
        {
            outcome = e.Outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            // Not swallowed: a 500 makes Pub/Sub redeliver, and the dead-letter policy bounds it.
            logger.LogError(e, "Event {EventId} of type {EventType} for {ObjectName}#{Generation}: handler {Handler} failed", inboundEvent.Id, inboundEvent.Type, inboundEvent.ObjectName, inboundEvent.ObjectGeneration, registration.HandlerClass.Name);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            Record(telemetry, inboundEvent, "exception", started);
            return HandlerFailed(inboundEvent.Id);
        }

        Record(telemetry, inboundEvent, outcome.Kind.ToString(), started);
        return await AnswerAsync(context, inboundEvent, outcome, logger, activity, started);
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, InboundEvent inboundEvent, HandlerOutcome outcome, ILogger logger, Activity? activity, long started)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.Handled:
            case OutcomeKind.Ignored:
                logger.LogInformation("Event {EventId} of type {EventType} for {ObjectName}#{Generation}: {Outcome}, {Reason} ({ElapsedMilliseconds:F0} ms)", inboundEvent.Id, inboundEvent.Type, inboundEvent.ObjectName, inboundEvent.ObjectGeneration, outcome.Kind, outcome.Reason, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return Results.NoContent();

            case OutcomeKind.Retry:
                logger.LogWarning("Event {EventId} of type {EventType} for {ObjectName}#{Generation}: retry later, {Reason}", inboundEvent.Id, inboundEvent.Type, inboundEvent.ObjectName, inboundEvent.ObjectGeneration, outcome.Reason);
                activity?.SetStatus(ActivityStatusCode.Error, outcome.Reason);
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Retry later", detail: outcome.Reason);

            case OutcomeKind.FailedPermanently:
                logger.LogWarning("Event {EventId} of type {EventType} for {ObjectName}#{Generation}: failed permanently ({ReasonCode}), {Reason}", inboundEvent.Id, inboundEvent.Type, inboundEvent.ObjectName, inboundEvent.ObjectGeneration, outcome.ReasonCode, outcome.Reason);
                activity?.SetStatus(ActivityStatusCode.Error, outcome.Reason);
                try
                {
                    var reporter = context.RequestServices.GetRequiredService<FailureReporter>();
                    await reporter.ReportAsync(inboundEvent, outcome, context.RequestAborted);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The failure must become visible before the event is acked; until it can be reported, retry.
                    logger.LogError(e, "Event {EventId}: could not report the permanent failure; asking for redelivery", inboundEvent.Id);
                    return Results.Problem(
                        statusCode: StatusCodes.Status503ServiceUnavailable,
                        title: "Could not report failure",
                        detail: "The permanent failure could not be reported yet; deliver this event again later.",
                        extensions: EventIdOf(inboundEvent.Id));
                }

                return Results.NoContent();

            default:
                throw new InvalidOperationException($"Unknown outcome {outcome.Kind}.");
        }
    }

    // The exception stays in the log: its message can carry internals (paths, bucket names, upstream
    // answers) that a sender has no business reading. The event id finds the log lines.
    private static IResult HandlerFailed(string eventId) => Results.Problem(
        statusCode: StatusCodes.Status500InternalServerError,
        title: "Handler failed",
        detail: "The event could not be processed; it will be retried. The service's log has the cause under this event id.",
        extensions: EventIdOf(eventId));

    private static Dictionary<string, object?> EventIdOf(string eventId) => new() { ["eventId"] = eventId };

    private static IResult Busy(HttpContext context, EventAdmission admission, EventTelemetry telemetry, ILogger logger, long refusedInARow)
    {
        // One line when a busy spell starts (and one when it ends, above); every refusal only at Debug.
        if (refusedInARow == 1)
        {
            logger.LogInformation("Busy: {MaxConcurrent} events in progress; answering 429 until one finishes", admission.Capacity);
        }
        else
        {
            logger.LogDebug("Busy: refused an event, {RefusedCount} in a row", refusedInARow);
        }

        // The body is not read, so the type is unknown.
        telemetry.Outcomes.Add(1, new("type", "unknown"), new("outcome", "busy"));
        context.Response.Headers.RetryAfter = BusyRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Busy",
            detail: $"{admission.Capacity} events are in progress here; deliver this one again later.");
    }

    private static async Task<DeliveryRequest?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        var headers = request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString()));
        return new DeliveryRequest(headers, request.ContentType, buffer.ToArray());
    }

    // One trace per picture: the work joins the trace the picture was created in. Precedence, first
    // found wins: (1) the trace recorded in the object's own metadata (a storage event: the upload's
    // trace, travelling with the picture; an Eventarc or Pub/Sub trace of the notification itself is
    // only a delivery's), (2) the event's traceparent extension (our events: the publisher's span,
    // itself in the picture's trace), (3) none: the HTTP request's span, which continues whatever
    // the deliverer sent. The request's span is linked whenever it is not the parent.
    private static Activity? StartActivity(InboundEvent inboundEvent)
    {
        var links = Activity.Current is { } http ? new[] { new ActivityLink(http.Context) } : null;
        var parent = ParentOf(inboundEvent);
        var activity = EventTelemetry.Source.StartActivity($"handle {inboundEvent.Type}", ActivityKind.Consumer, parent, links: links);
        activity?.SetTag("cloudevents.event_id", inboundEvent.Id);
        activity?.SetTag("cloudevents.event_type", inboundEvent.Type);
        activity?.SetTag("picadaily.object_name", inboundEvent.ObjectName);
        activity?.SetTag("picadaily.generation", inboundEvent.ObjectGeneration);
        return activity;
    }

    private static ActivityContext ParentOf(InboundEvent inboundEvent) =>
        inboundEvent is StorageObjectEvent { Object.Metadata: var metadata } && PictureTrace.TryRead(metadata, out var picture) ? picture
        : PictureTrace.TryParse(inboundEvent.Delivery.TraceParent, null, out var published) ? published
        : default;

    private static void Record(EventTelemetry telemetry, InboundEvent inboundEvent, string outcome, long started)
    {
        telemetry.Outcomes.Add(1, new("type", inboundEvent.Type), new("outcome", outcome));
        telemetry.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("type", inboundEvent.Type));
    }
}
