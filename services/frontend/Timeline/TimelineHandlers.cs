using PicADaily.Contracts.Decoding;
using PicADaily.ServiceDefaults.Events;

namespace PicADaily.Frontend.Timeline;

/// <summary>Files storage notifications of the pictures bucket (uploads, replacements, deletions) in the timeline.</summary>
public sealed class StorageTimelineHandler(TimelineEntryFactory factory, TimelineRecorder recorder) : IEventHandler<StorageObjectEvent>
{
    public async Task<HandlerOutcome> HandleAsync(StorageObjectEvent inboundEvent, CancellationToken cancellationToken)
    {
        var added = await recorder.RecordAsync(factory.FromStorageEvent(inboundEvent), cancellationToken);
        return added > 0 ? HandlerOutcome.Handled("recorded in the timeline") : HandlerOutcome.Ignored("already in the timeline");
    }
}

/// <summary>Files what the services did (and gave up on) in the timeline of each picture concerned.</summary>
public sealed class ActivityTimelineHandler(TimelineEntryFactory factory, TimelineRecorder recorder) : IEventHandler<ActivityEvent>
{
    public async Task<HandlerOutcome> HandleAsync(ActivityEvent inboundEvent, CancellationToken cancellationToken)
    {
        var entries = factory.FromActivityEvent(inboundEvent);
        if (entries.Count == 0)
        {
            return HandlerOutcome.Ignored("concerns no picture");
        }

        var added = await recorder.RecordAsync(entries, cancellationToken);
        return added > 0 ? HandlerOutcome.Handled("recorded in the timeline") : HandlerOutcome.Ignored("already in the timeline");
    }
}
