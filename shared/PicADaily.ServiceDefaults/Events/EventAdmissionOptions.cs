namespace PicADaily.ServiceDefaults.Events;

/// <summary>Configuration section <c>Events</c>: how much event work one process takes on at once.</summary>
public sealed class EventAdmissionOptions
{
    public const string SectionName = "Events";

    /// <summary>
    /// Events in progress at most; one more is answered 429 before its body is read (default: two per
    /// core, enough to keep every core busy while other events wait on storage or Vision). The
    /// counterpart of Cloud Run's <c>--concurrency</c>.
    /// </summary>
    public int MaxConcurrent { get; set; } = 2 * Environment.ProcessorCount;
}
