namespace PicADaily.Frontend.Timeline;

/// <summary>Where timeline entries are kept.</summary>
public interface ITimelineStore
{
    /// <summary>Stores the entry once; false when an entry with its id was already stored (a redelivery).</summary>
    Task<bool> AddAsync(TimelineEntry entry, CancellationToken cancellationToken);

    /// <summary>The picture's entries, oldest first.</summary>
    Task<IReadOnlyList<TimelineEntry>> ListAsync(string picture, CancellationToken cancellationToken);
}
