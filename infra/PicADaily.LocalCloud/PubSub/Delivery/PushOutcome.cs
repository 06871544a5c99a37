using System.Globalization;

namespace PicADaily.LocalCloud.PubSub.Delivery;

/// <summary>How the endpoint answered one push: an HTTP status, or no answer (timeout, connection failure).</summary>
public readonly record struct PushOutcome
{
    private PushOutcome(int? status, string? noAnswer)
    {
        Status = status;
        NoAnswer = noAnswer;
    }

    /// <summary>Passed the ack deadline without an answer.</summary>
    public static PushOutcome TimedOut { get; } = new(null, "timeout");

    /// <summary>Could not connect, or the connection dropped before an answer.</summary>
    public static PushOutcome ConnectionFailed { get; } = new(null, "connection");

    /// <summary>The HTTP status, or null when there was no answer.</summary>
    public int? Status { get; }

    private string? NoAnswer { get; }

    /// <summary>Pub/Sub's ack statuses: 102, 200, 201, 202, 204. Everything else is a nack.</summary>
    public bool Acked => Status is 102 or 200 or 201 or 202 or 204;

    /// <summary>
    /// Busy or failing rather than refusing this one message: 408, 429, 5xx, or no answer at all.
    /// Such a nack shrinks the push window; a 400 or 404 does not (sending less would not help).
    /// </summary>
    public bool SignalsOverload => Status is null or 408 or 429 or >= 500;

    /// <summary>The key under which the status page counts this nack: <c>"429"</c>, <c>"timeout"</c>, <c>"connection"</c>.</summary>
    public string Reason => Status?.ToString(CultureInfo.InvariantCulture) ?? NoAnswer ?? "none";

    public static PushOutcome Answered(int status) => new(status, null);
}
