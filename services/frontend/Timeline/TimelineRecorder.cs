using PicADaily.Frontend.Gallery;
using PicADaily.Frontend.Live;

namespace PicADaily.Frontend.Timeline;

/// <summary>Stores entries and tells browsers about the new ones (a redelivery changes nothing, so it says nothing).</summary>
public sealed class TimelineRecorder(ITimelineStore store, LiveUpdates liveUpdates, PictureVisibility visibility, ILogger<TimelineRecorder> logger)
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
                var visible = await IsVisibleAsync(entry.Picture, cancellationToken);
                liveUpdates.Publish(new LiveUpdate(entry.Picture, entry.Kind, TimelineKinds.ChangesGallery(entry.Kind), visible));
            }
            else
            {
                logger.LogInformation("Timeline entry {EntryId} for {ObjectName}#{Generation} was already recorded", entry.Id, entry.Picture, entry.Generation);
            }
        }

        return added;
    }

    // The entry is stored already: a failed lookup must not fail the delivery (a redelivery would
    // publish nothing), so it only keeps the name from listeners who may not see the picture.
    private async Task<bool> IsVisibleAsync(string picture, CancellationToken cancellationToken)
    {
        try
        {
            return await visibility.IsVisibleNowAsync(picture, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not tell whether {ObjectName} is visible; its live update names it only to admins and its own page", picture);
            return false;
        }
    }
}
