namespace PicADaily.ServiceDefaults.Events;

/// <summary>What a handler decided. Each kind maps to one HTTP answer (docs/architecture.md).</summary>
public enum OutcomeKind
{
    /// <summary>The work is done. → 204, ack.</summary>
    Handled,

    /// <summary>Deliberately not acted upon (wrong type, stale generation, already done). → 204, ack.</summary>
    Ignored,

    /// <summary>A dependency is down; try again later. → 503, Pub/Sub retries with backoff.</summary>
    Retry,

    /// <summary>Retrying cannot help (corrupt, unsupported, too large). → processing.failed is published, then 204.</summary>
    FailedPermanently,
}

/// <summary>The explicit result of handling one event. A handler returns one; it never relies on "no exception means ack".</summary>
public sealed record HandlerOutcome(OutcomeKind Kind, string Reason, string? ReasonCode = null)
{
    public static HandlerOutcome Handled(string what = "done") => new(OutcomeKind.Handled, what);

    public static HandlerOutcome Ignored(string why) => new(OutcomeKind.Ignored, why);

    public static HandlerOutcome Retry(string why) => new(OutcomeKind.Retry, why);

    /// <param name="reasonCode">Stable, for programs: e.g. "corrupt", "unsupported-format", "too-large".</param>
    /// <param name="reason">For people: what is wrong with the picture.</param>
    public static HandlerOutcome Failed(string reasonCode, string reason) => new(OutcomeKind.FailedPermanently, reason, reasonCode);
}
