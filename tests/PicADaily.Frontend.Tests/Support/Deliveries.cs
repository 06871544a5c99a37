using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PicADaily.Contracts.Publishing;

namespace PicADaily.Frontend.Tests.Support;

/// <summary>Pub/Sub push deliveries as LocalCloud and Google send them to <c>/events</c>.</summary>
public static class Deliveries
{
    public static JsonContent StorageNotification(string eventType, string name, long generation, long? overwroteGeneration = null, long? overwrittenByGeneration = null, DeadLetter? deadLetter = null, string messageId = "m-1")
    {
        var attributes = new JsonObject
        {
            ["bucketId"] = "pictures",
            ["objectId"] = name,
            ["objectGeneration"] = generation.ToString(CultureInfo.InvariantCulture),
            ["eventType"] = eventType,
            ["payloadFormat"] = "NONE",
        };
        if (overwroteGeneration is { } overwrote)
        {
            attributes["overwroteGeneration"] = overwrote.ToString(CultureInfo.InvariantCulture);
        }

        if (overwrittenByGeneration is { } overwrittenBy)
        {
            attributes["overwrittenByGeneration"] = overwrittenBy.ToString(CultureInfo.InvariantCulture);
        }

        return Envelope(attributes, data: null, messageId, deadLetter);
    }

    /// <summary>An activity event as our services publish it (binary CloudEvents Pub/Sub binding).</summary>
    public static JsonContent Activity(string service, object payload, string eventId, DeadLetter? deadLetter = null, string messageId = "m-2")
    {
        var cloudEvent = ActivityEventFactory.Create(service, payload);
        cloudEvent.Id = eventId;
        var message = PubSubCloudEventEncoder.Encode(cloudEvent);
        var attributes = new JsonObject();
        foreach (var (key, value) in message.Attributes)
        {
            attributes[key] = value;
        }

        return Envelope(attributes, Convert.ToBase64String(message.Data.Span), messageId, deadLetter);
    }

    private static JsonContent Envelope(JsonObject attributes, string? data, string messageId, DeadLetter? deadLetter)
    {
        var subscription = "projects/picadaily-local/subscriptions/frontend-picture-activity";
        if (deadLetter is not null)
        {
            attributes["CloudPubSubDeadLetterSourceSubscription"] = deadLetter.Subscription;
            attributes["CloudPubSubDeadLetterSourceDeliveryCount"] = deadLetter.Attempts.ToString(CultureInfo.InvariantCulture);
            subscription = "projects/picadaily-local/subscriptions/frontend-dead-letters";
        }

        var message = new JsonObject
        {
            ["attributes"] = attributes,
            ["messageId"] = messageId,
            ["publishTime"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        if (data is not null)
        {
            message["data"] = data;
        }

        return JsonContent.Create(new JsonObject { ["message"] = message, ["subscription"] = subscription });
    }
}

/// <summary>What Pub/Sub adds to a message it forwards to the dead-letter topic.</summary>
public sealed record DeadLetter(string Subscription, int Attempts);
