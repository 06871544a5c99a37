using PicADaily.Frontend.Timeline;

namespace PicADaily.Frontend.Operations;

/// <summary>One kind of trouble: who (a service, or the subscription that gave up), why, how often, since when, and on which pictures.</summary>
/// <param name="DeadLetters">The kept messages of a dead-letter group (replayable); empty for processing failures.</param>
public sealed record FailureGroup(
    string Kind,
    string Service,
    string Reason,
    int Count,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    IReadOnlyList<string> Pictures,
    IReadOnlyList<DeadLetterRecord> DeadLetters)
{
    /// <summary>Pictures shown per group; the count says how many more there are.</summary>
    public const int MaxPicturesShown = 20;
}

/// <summary>
/// The failures of a window, grouped: processing failures (from the timeline) per service and
/// reason, and dead letters (kept by <see cref="DeadLetterCapture"/>) per subscription.
/// </summary>
public sealed class FailureReport(ITimelineStore timeline, DeadLetterStore deadLetters)
{
    // Bounds one page's read of the timeline; a day with more entries shows the earliest ones and says so.
    internal const int MaxTimelineEntries = 5000;

    public async Task<(IReadOnlyList<FailureGroup> Groups, bool Truncated)> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var entries = timeline.ListRecordedSinceAsync(since, MaxTimelineEntries, cancellationToken);
        var letters = deadLetters.ListSinceAsync(since, cancellationToken);
        var failures = (await entries)
            .Select(r => r.Entry)
            .Where(e => e.Kind is TimelineKinds.ProcessingFailed)
            .GroupBy(e => (e.Service, Reason: e.Reason ?? e.Summary))
            .Select(g => new FailureGroup(TimelineKinds.ProcessingFailed, g.Key.Service, g.Key.Reason, g.Count(),
                g.Min(e => e.Time), g.Max(e => e.Time), Pictures(g.Select(e => e.Picture)), []));
        var deadLettered = (await letters)
            .GroupBy(d => d.SourceSubscription)
            .Select(g => new FailureGroup(TimelineKinds.DeadLettered, g.Key, "gave up after the subscription's maximum delivery attempts", g.Count(),
                g.Min(d => d.Received), g.Max(d => d.Received), Pictures(g.Select(d => d.Picture)), g.OrderBy(d => d.Received).ToList()));
        var groups = failures.Concat(deadLettered).OrderByDescending(g => g.LastSeen).ToList();
        return (groups, (await entries).Count == MaxTimelineEntries);
    }

    private static List<string> Pictures(IEnumerable<string> names) =>
        names.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
