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
            // Looked up before storing: the entry keeps it, so every instance's poller (and a
            // reconnecting browser) knows who may hear the picture's name without asking again.
            var visible = await IsVisibleAsync(entry.Picture, cancellationToken);
            if (await store.AddAsync(entry, visible, cancellationToken) is { } cursor)
            {
                added++;
                liveUpdates.Publish(new LiveUpdate(entry.Picture, entry.Kind, TimelineKinds.ChangesGallery(entry.Kind), visible, cursor));
            }
            else
            {
                logger.LogInformation("Timeline entry {EntryId} for {ObjectName}#{Generation} was already recorded", entry.Id, entry.Picture, entry.Generation);
            }
        }

        return added;
    }

    // A failed lookup must not fail the delivery (the entry would be recorded on the redelivery with
    // no better answer), so it only keeps the name from listeners who may not see the picture.
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
