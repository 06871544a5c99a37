using System.Globalization;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Storage;

namespace PicADaily.Contracts.Decoding;

/// <summary>
/// Decides what a Pub/Sub message carries: one of our CloudEvents (Pub/Sub binding, binary or
/// structured), a Cloud Storage notification, or a plain message (e.g. a schedule tick).
/// </summary>
internal static class PubSubMessageDecoder
{
    private const string CloudEventSpecVersionAttribute = "ce-specversion";
    private const string ContentTypeAttribute = "content-type";
    private const string StructuredContentTypePrefix = "application/cloudevents";
    private const string DeadLetterSubscriptionAttribute = "CloudPubSubDeadLetterSourceSubscription";
    private const string DeadLetterCountAttribute = "CloudPubSubDeadLetterSourceDeliveryCount";

    public static InboundEvent Decode(PubSubMessageParts message, DeliveryInfo delivery)
    {
        var attributes = message.Attributes;
        delivery = delivery with
        {
            MessageId = message.MessageId ?? delivery.MessageId,
            DeadLetter = ReadDeadLetter(attributes),
        };

        if (attributes.ContainsKey(CloudEventSpecVersionAttribute))
        {
            var contentType = Attribute(attributes, ContentTypeAttribute);
            var cloudEvent = CloudEventReader.ReadBinary(attributes, contentType, message.Data, percentEncoded: false);
            return CloudEventInterpreter.Interpret(cloudEvent, delivery);
        }

        if (Attribute(attributes, ContentTypeAttribute) is { } type && type.StartsWith(StructuredContentTypePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var cloudEvent = CloudEventReader.ReadStructured(message.Data, type);
            return CloudEventInterpreter.Interpret(cloudEvent, delivery);
        }

        if (attributes.ContainsKey(StorageNotification.EventTypeAttribute) || attributes.ContainsKey(StorageNotification.BucketIdAttribute))
        {
            return StorageEventReader.FromNotification(message, delivery);
        }

        if (message.Data.IsEmpty && attributes.Count == 0)
        {
            throw new EventDecodeException("the Pub/Sub message has neither data nor attributes");
        }

        return new PubSubMessageEvent
        {
            Id = message.MessageId ?? throw new EventDecodeException("the Pub/Sub message has no message id"),
            Type = EventTypes.PubSubMessagePublished,
            Time = message.PublishTime,
            Delivery = delivery,
            Data = message.Data,
            Attributes = attributes,
        };
    }

    private static DeadLetterInfo? ReadDeadLetter(IReadOnlyDictionary<string, string> attributes)
    {
        if (!attributes.TryGetValue(DeadLetterSubscriptionAttribute, out var subscription))
        {
            return null;
        }

        int? count = attributes.TryGetValue(DeadLetterCountAttribute, out var text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        return new DeadLetterInfo(subscription, count);
    }

    private static string? Attribute(IReadOnlyDictionary<string, string> attributes, string name)
    {
        foreach (var (key, value) in attributes)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
