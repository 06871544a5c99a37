namespace PicADaily.ServiceDefaults.Events;

/// <summary>Configuration section <c>Events</c>: how much event work one process takes on at once.</summary>
public sealed class EventAdmissionOptions
{
    public const string SectionName = "Events";

    /// <summary>
    /// Events in progress at most; one more is answered 429 before its body is read. The counterpart of
    /// Cloud Run's <c>--concurrency</c>. Default: eight per core. The CPU is bounded by the decode slots,
    /// not here; this bounds what waits for them (each admitted event holds at most one downloaded
    /// picture). It is generous on purpose: a 429 costs the refused picture the subscription's minimum
    /// retry backoff (10 s), and with two per core LocalCloud's push window kept probing past the bound,
    /// so a 100-photo batch took 40.7 s instead of 33.4 s (benchmark P2, 2 cores).
    /// </summary>
    public int MaxConcurrent { get; set; } = 8 * Environment.ProcessorCount;
}
