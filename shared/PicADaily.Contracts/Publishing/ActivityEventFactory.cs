using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Payloads;

namespace PicADaily.Contracts.Publishing;

/// <summary>
/// Creates our activity CloudEvents with the right type, source, subject and trace context. The id is
/// derived from the source, the type and the payload, so announcing the same fact again (a service that
/// finds its work already done after a redelivery or a replay, and says so again in case the first
/// announcement was lost) is the same event: consumers that keep events by source and id, as the
/// frontend's timeline does, keep it once, as the CloudEvents specification intends for duplicates.
/// </summary>
public static class ActivityEventFactory
{
    /// <param name="serviceName">The service that did the work (the event's source).</param>
    /// <param name="payload">One of the activity records, e.g. <see cref="PictureAnalyzed"/>.</param>
    public static CloudEvent Create(string serviceName, object payload, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentNullException.ThrowIfNull(payload);

        var source = EventSources.ForService(serviceName);
        var type = ActivityEventTypes.TypeOf(payload.GetType());
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, CloudEventFormat.Extensions)
        {
            Id = IdOf(source, type, payload),
            Source = source,
            Type = type,
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

    // 128 bits of SHA-256 over what the event says: equal facts, equal ids; any difference, another id.
    private static string IdOf(Uri source, string type, object payload)
    {
        var fact = $"{source.OriginalString}\n{type}\n{JsonSerializer.Serialize(payload, payload.GetType(), ContractsJson.Options)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fact)).AsSpan(0, 16));
    }
}
