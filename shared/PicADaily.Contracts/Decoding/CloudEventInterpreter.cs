using System.Text.Json;
using CloudNative.CloudEvents;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Storage;

namespace PicADaily.Contracts.Decoding;

/// <summary>Turns a decoded CloudEvent into the typed event a handler receives.</summary>
internal static class CloudEventInterpreter
{
    public static InboundEvent Interpret(CloudEvent cloudEvent, DeliveryInfo delivery)
    {
        delivery = delivery with { TraceParent = cloudEvent[CloudEventFormat.TraceParent] as string ?? delivery.TraceParent };

        if (StorageEventKinds.TryFromCloudEventType(cloudEvent.Type, out var kind))
        {
            return StorageEventReader.FromCloudEvent(cloudEvent, kind, delivery);
        }

        if (cloudEvent.Type == EventTypes.PubSubMessagePublished)
        {
            return FromMessagePublished(cloudEvent, delivery);
        }

        if (ActivityEventTypes.IsActivityType(cloudEvent.Type))
        {
            if (cloudEvent.Data is not JsonElement { ValueKind: JsonValueKind.Object } data)
            {
                throw new EventDecodeException($"{cloudEvent.Type} needs a JSON object as data");
            }

            try
            {
                return ActivityEventTypes.Create(cloudEvent, data, delivery);
            }
            catch (JsonException e)
            {
                throw new EventDecodeException($"{cloudEvent.Type} data is malformed: {e.Message}", e);
            }
        }

        return new OtherCloudEvent
        {
            Id = cloudEvent.Id!,
            Type = cloudEvent.Type!,
            Subject = cloudEvent.Subject,
            Time = cloudEvent.Time,
            Delivery = delivery,
            CloudEvent = cloudEvent,
        };
    }

    private static InboundEvent FromMessagePublished(CloudEvent cloudEvent, DeliveryInfo delivery)
    {
        if (cloudEvent.Data is not JsonElement { ValueKind: JsonValueKind.Object } data)
        {
            throw new EventDecodeException("messagePublished needs a JSON object as data (MessagePublishedData)");
        }

        var (message, subscription, attempt) = PubSubEnvelopeReader.Read(data);
        var inner = delivery with
        {
            Mode = DeliveryMode.EventarcMessagePublished,
            Subscription = subscription ?? delivery.Subscription,
            DeliveryAttempt = attempt ?? delivery.DeliveryAttempt,
        };
        return PubSubMessageDecoder.Decode(message with { MessageId = message.MessageId ?? cloudEvent.Id }, inner);
    }
}
