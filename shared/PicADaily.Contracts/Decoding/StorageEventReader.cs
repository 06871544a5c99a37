using System.Globalization;
using System.Text.Json;
using CloudNative.CloudEvents;
using PicADaily.Contracts.Storage;

namespace PicADaily.Contracts.Decoding;

/// <summary>Builds a <see cref="StorageObjectEvent"/> from a notification (attributes + payload) or an Eventarc storage CloudEvent.</summary>
internal static class StorageEventReader
{
    private const string EventarcSubjectPrefix = "objects/";
    private const string EventarcSourcePrefix = "//storage.googleapis.com/projects/_/buckets/";

    public static StorageObjectEvent FromNotification(PubSubMessageParts message, DeliveryInfo delivery)
    {
        var attributes = message.Attributes;
        var eventType = Require(attributes, StorageNotification.EventTypeAttribute);
        if (!StorageEventKinds.TryFromNotification(eventType, out var kind))
        {
            throw new EventDecodeException($"unknown storage eventType '{eventType}'");
        }

        var bucket = Require(attributes, StorageNotification.BucketIdAttribute);
        var name = Require(attributes, StorageNotification.ObjectIdAttribute);
        var generation = ParseGeneration(Require(attributes, StorageNotification.ObjectGenerationAttribute), StorageNotification.ObjectGenerationAttribute);

        var payloadFormat = Optional(attributes, StorageNotification.PayloadFormatAttribute);
        StorageObjectData? payload = null;
        switch (payloadFormat)
        {
            case StorageNotification.NoPayload:
                break;
            case StorageNotification.JsonApiV1:
            case null when !message.Data.IsEmpty:
                payload = ParsePayload(message.Data);
                break;
            case null:
                break;
            default:
                throw new EventDecodeException($"unknown payloadFormat '{payloadFormat}'");
        }

        CheckPayloadAgrees(payload, bucket, name, generation);
        var messageId = message.MessageId ?? throw new EventDecodeException("the notification has no message id");
        return new StorageObjectEvent
        {
            Id = messageId,
            Type = kind.ToCloudEventType(),
            Subject = name,
            Time = ParseTime(Optional(attributes, StorageNotification.EventTimeAttribute)) ?? message.PublishTime,
            Delivery = delivery,
            Kind = kind,
            Bucket = bucket,
            Name = ValidName(name),
            Generation = generation,
            OverwroteGeneration = ParseOptionalGeneration(attributes, StorageNotification.OverwroteGenerationAttribute),
            OverwrittenByGeneration = ParseOptionalGeneration(attributes, StorageNotification.OverwrittenByGenerationAttribute),
            Object = payload,
        };
    }

    public static StorageObjectEvent FromCloudEvent(CloudEvent cloudEvent, StorageEventKind kind, DeliveryInfo delivery)
    {
        if (cloudEvent.Data is not JsonElement { ValueKind: JsonValueKind.Object } data)
        {
            throw new EventDecodeException($"{cloudEvent.Type} needs a JSON object as data (StorageObjectData)");
        }

        var payload = Deserialize(data);
        var bucket = payload.Bucket ?? BucketFromSource(cloudEvent.Source);
        var name = payload.Name ?? NameFromSubject(cloudEvent.Subject);
        var generation = payload.Generation ?? throw new EventDecodeException("the storage event data has no generation");
        if (generation <= 0)
        {
            throw new EventDecodeException($"generation must be positive, got {generation}");
        }

        return new StorageObjectEvent
        {
            Id = cloudEvent.Id!,
            Type = cloudEvent.Type!,
            Subject = cloudEvent.Subject,
            Time = cloudEvent.Time,
            Delivery = delivery,
            Kind = kind,
            Bucket = bucket ?? throw new EventDecodeException("the storage event names no bucket (data.bucket or source)"),
            Name = ValidName(name ?? throw new EventDecodeException("the storage event names no object (data.name or subject)")),
            Generation = generation,
            Object = payload,
        };
    }

    private static StorageObjectData ParsePayload(ReadOnlyMemory<byte> data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new EventDecodeException("the JSON_API_V1 payload is not a JSON object");
            }

            return Deserialize(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new EventDecodeException($"the JSON_API_V1 payload is not valid JSON: {e.Message}", e);
        }
    }

    private static StorageObjectData Deserialize(JsonElement element)
    {
        try
        {
            return element.Deserialize<StorageObjectData>(ContractsJson.Options)
                ?? throw new EventDecodeException("the storage object payload is null");
        }
        catch (JsonException e)
        {
            throw new EventDecodeException($"the storage object payload is malformed: {e.Message}", e);
        }
    }

    private static void CheckPayloadAgrees(StorageObjectData? payload, string bucket, string name, long generation)
    {
        if (payload is null)
        {
            return;
        }

        if (payload.Bucket is not null && payload.Bucket != bucket)
        {
            throw new EventDecodeException($"the payload names bucket '{payload.Bucket}' but the attributes name '{bucket}'");
        }

        if (payload.Name is not null && payload.Name != name)
        {
            throw new EventDecodeException("the payload and the attributes name different objects");
        }

        if (payload.Generation is not null && payload.Generation != generation)
        {
            throw new EventDecodeException($"the payload has generation {payload.Generation} but the attributes say {generation}");
        }
    }

    private static string ValidName(string name) =>
        ObjectNames.Validate(name) is { } problem ? throw new EventDecodeException($"invalid object name: {problem}") : name;

    private static string? BucketFromSource(Uri? source)
    {
        var text = source?.OriginalString;
        return text is not null && text.StartsWith(EventarcSourcePrefix, StringComparison.Ordinal) ? text[EventarcSourcePrefix.Length..] : null;
    }

    private static string? NameFromSubject(string? subject) =>
        subject is not null && subject.StartsWith(EventarcSubjectPrefix, StringComparison.Ordinal) ? subject[EventarcSubjectPrefix.Length..] : null;

    private static long ParseGeneration(string text, string attribute) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new EventDecodeException($"{attribute} '{text}' is not a positive integer");

    private static long? ParseOptionalGeneration(IReadOnlyDictionary<string, string> attributes, string attribute) =>
        Optional(attributes, attribute) is { } text ? ParseGeneration(text, attribute) : null;

    private static DateTimeOffset? ParseTime(string? text) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time
        : throw new EventDecodeException($"eventTime '{text}' is not an RFC 3339 timestamp");

    private static string Require(IReadOnlyDictionary<string, string> attributes, string name) =>
        Optional(attributes, name) is { Length: > 0 } value ? value : throw new EventDecodeException($"missing attribute '{name}'");

    private static string? Optional(IReadOnlyDictionary<string, string> attributes, string name) =>
        attributes.TryGetValue(name, out var value) ? value : null;
}
