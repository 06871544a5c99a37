using PicADaily.Frontend.Live;

namespace PicADaily.Frontend.Timeline;

/// <summary>Stores entries and tells browsers about the new ones (a redelivery changes nothing, so it says nothing).</summary>
public sealed class TimelineRecorder(ITimelineStore store, LiveUpdates liveUpdates, ILogger<TimelineRecorder> logger)
{
    /// <summary>How many of <paramref name="entries"/> were new.</summary>
    public async Task<int> RecordAsync(IReadOnlyList<TimelineEntry> entries, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var entry in entries)
        {
            if (await store.AddAsync(entry, cancellationToken))
            {
                added++;
                liveUpdates.Publish(new LiveUpdate(entry.Picture, entry.Kind, TimelineKinds.ChangesGallery(entry.Kind)));
            }
            else
            {
                logger.LogInformation("Timeline entry {EntryId} for {ObjectName}#{Generation} was already recorded", entry.Id, entry.Picture, entry.Generation);
            }
        }

        return added;
    }
}
