using System.Diagnostics;
using CloudNative.CloudEvents;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Payloads;

namespace PicADaily.Contracts.Publishing;

/// <summary>Creates our activity CloudEvents with the right type, source, subject and trace context.</summary>
public static class ActivityEventFactory
{
    /// <param name="serviceName">The service that did the work (the event's source).</param>
    /// <param name="payload">One of the activity records, e.g. <see cref="PictureAnalyzed"/>.</param>
    public static CloudEvent Create(string serviceName, object payload, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentNullException.ThrowIfNull(payload);

        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, CloudEventFormat.Extensions)
        {
            Id = Guid.NewGuid().ToString("N"),
            Source = EventSources.ForService(serviceName),
            Type = ActivityEventTypes.TypeOf(payload.GetType()),
            Subject = payload switch
            {
                IPictureEvent picture => picture.Name,
                CollageCreated collage => collage.Name,
                _ => null,
            },
            Time = (clock ?? TimeProvider.System).GetUtcNow(),
            DataContentType = CloudEventFormat.JsonContentType,
            Data = payload,
        };

        // One picture's work forms one trace: the extension carries the context across Pub/Sub.
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } current)
        {
            cloudEvent[CloudEventFormat.TraceParent] = current.Id;
            if (!string.IsNullOrEmpty(current.TraceStateString))
            {
                cloudEvent[CloudEventFormat.TraceState] = current.TraceStateString;
            }
        }

        return cloudEvent;
    }
}
