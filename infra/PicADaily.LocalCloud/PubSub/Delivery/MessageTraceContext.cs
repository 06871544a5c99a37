using System.Diagnostics;
using System.Text.Json;
using PicADaily.Contracts.Storage;

namespace PicADaily.LocalCloud.PubSub.Delivery;

/// <summary>
/// The trace a message belongs to, with the services' precedence (see the event endpoint): a storage
/// notification's object metadata (the picture's own trace), then the message's attributes:
/// <c>ce-traceparent</c> (our CloudEvents, Pub/Sub binding), <c>googclient_traceparent</c> (Google's
/// client libraries with OpenTelemetry on), <c>traceparent</c>.
/// </summary>
public static class MessageTraceContext
{
    private static readonly string[] TraceParentAttributes = ["ce-traceparent", "googclient_traceparent", "traceparent"];

    public static ActivityContext Of(StoredMessage message)
    {
        if (FromNotificationPayload(message) is { } picture)
        {
            return picture;
        }

        foreach (var attribute in TraceParentAttributes)
        {
            if (message.Attributes.TryGetValue(attribute, out var traceParent) && PictureTrace.TryParse(traceParent, null, out var context))
            {
                return context;
            }
        }

        return default;
    }

    private static ActivityContext? FromNotificationPayload(StoredMessage message)
    {
        if (!message.Attributes.TryGetValue(StorageNotification.PayloadFormatAttribute, out var format) || format != StorageNotification.JsonApiV1
            || !message.Attributes.ContainsKey(StorageNotification.EventTypeAttribute))
        {
            return null;
        }

        try
        {
            using var payload = JsonDocument.Parse(message.Data);
            if (payload.RootElement.ValueKind == JsonValueKind.Object
                && payload.RootElement.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty(PictureTrace.TraceParentKey, out var traceParent) && traceParent.ValueKind == JsonValueKind.String
                && PictureTrace.TryParse(traceParent.GetString(), null, out var context))
            {
                return context;
            }
        }
        catch (JsonException)
        {
            // Not ours to judge: the subscriber answers an undecodable payload with a 400.
        }

        return null;
    }
}
