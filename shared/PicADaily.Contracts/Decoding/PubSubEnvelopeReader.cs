using System.Globalization;
using System.Text.Json;

namespace PicADaily.Contracts.Decoding;

/// <summary>
/// Reads the JSON Pub/Sub message shape shared by the push wrapper (<c>{"message":…,"subscription":…,"deliveryAttempt":…}</c>)
/// and Eventarc's MessagePublishedData. Accepts both the camelCase and the legacy snake_case names.
/// </summary>
internal static class PubSubEnvelopeReader
{
    public static bool LooksLikeEnvelope(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("message", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static (PubSubMessageParts Message, string? Subscription, int? DeliveryAttempt) Read(JsonElement envelope)
    {
        if (envelope.ValueKind != JsonValueKind.Object)
        {
            throw new EventDecodeException("the Pub/Sub envelope is not a JSON object");
        }

        if (!envelope.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
        {
            throw new EventDecodeException("the Pub/Sub envelope has no 'message' object");
        }

        var parts = new PubSubMessageParts(
            ReadData(message),
            ReadAttributes(message),
            String(message, "messageId") ?? String(message, "message_id"),
            ReadTime(String(message, "publishTime") ?? String(message, "publish_time")));

        return (parts, String(envelope, "subscription"), ReadAttempt(envelope));
    }

    private static ReadOnlyMemory<byte> ReadData(JsonElement message)
    {
        if (!message.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (data.ValueKind != JsonValueKind.String)
        {
            throw new EventDecodeException("message.data must be a base64 string");
        }

        try
        {
            return Convert.FromBase64String(data.GetString()!);
        }
        catch (FormatException e)
        {
            throw new EventDecodeException("message.data is not valid base64", e);
        }
    }

    private static Dictionary<string, string> ReadAttributes(JsonElement message)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!message.TryGetProperty("attributes", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return attributes;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new EventDecodeException("message.attributes must be an object of strings");
        }

        foreach (var attribute in element.EnumerateObject())
        {
            if (attribute.Value.ValueKind != JsonValueKind.String)
            {
                throw new EventDecodeException($"message.attributes.{attribute.Name} must be a string");
            }

            attributes[attribute.Name] = attribute.Value.GetString()!;
        }

        return attributes;
    }

    private static int? ReadAttempt(JsonElement envelope)
    {
        if (!envelope.TryGetProperty("deliveryAttempt", out var attempt) || attempt.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return attempt.ValueKind == JsonValueKind.Number && attempt.TryGetInt32(out var value)
            ? value
            : throw new EventDecodeException("deliveryAttempt must be an integer");
    }

    private static DateTimeOffset? ReadTime(string? text) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time
        : throw new EventDecodeException($"publishTime '{text}' is not an RFC 3339 timestamp");

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
