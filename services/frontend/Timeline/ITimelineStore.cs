namespace PicADaily.Frontend.Timeline;

/// <summary>Where timeline entries are kept.</summary>
public interface ITimelineStore
{
    /// <summary>
    /// Stores the entry once, noting whether its picture was visible to everybody; its cursor, or null
    /// when an entry with its id was already stored (a redelivery).
    /// </summary>
    Task<TimelineCursor?> AddAsync(TimelineEntry entry, bool visibleWhenRecorded, CancellationToken cancellationToken);

    /// <summary>The picture's entries, oldest first.</summary>
    Task<IReadOnlyList<TimelineEntry>> ListAsync(string picture, CancellationToken cancellationToken);

    /// <summary>Entries of every picture recorded after <paramref name="after"/> (from the first when null), in cursor order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<RecordedEntry>> ListRecordedAfterAsync(TimelineCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>Entries of every picture recorded since <paramref name="since"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<RecordedEntry>> ListRecordedSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken);

    /// <summary>The cursor of the newest entry, or null when there is none.</summary>
    Task<TimelineCursor?> NewestCursorAsync(CancellationToken cancellationToken);
}
