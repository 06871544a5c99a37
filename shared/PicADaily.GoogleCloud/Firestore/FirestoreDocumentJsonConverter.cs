using System.Text.Json;
using System.Text.Json.Serialization;

namespace PicADaily.GoogleCloud.Firestore;

/// <summary>A Firestore Document in JSON: <c>{"name","fields","createTime","updateTime"}</c>.</summary>
public sealed class FirestoreDocumentJsonConverter : JsonConverter<FirestoreDocument>
{
    /// <inheritdoc />
    public override FirestoreDocument Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return Decode(document.RootElement);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, FirestoreDocument value, JsonSerializerOptions options) => Encode(writer, value);

    /// <summary>Decodes a Document object.</summary>
    public static FirestoreDocument Decode(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            throw new JsonException("A Firestore document must be an object with a name.");
        }
        // A document without fields arrives without a "fields" member.
        var fields = element.TryGetProperty("fields", out var f)
            ? FirestoreValueJsonConverter.DecodeFields(f)
            : new Dictionary<string, FirestoreValue>();
        return new FirestoreDocument(name.GetString()!, fields, ReadTime(element, "createTime"), ReadTime(element, "updateTime"));
    }

    /// <summary>Encodes a Document object (times only when known).</summary>
    public static void Encode(Utf8JsonWriter writer, FirestoreDocument document)
    {
        writer.WriteStartObject();
        writer.WriteString("name", document.Name);
        writer.WritePropertyName("fields");
        FirestoreValueJsonConverter.EncodeFields(writer, document.Fields);
        if (document.CreateTime is { } created)
        {
            writer.WriteString("createTime", FirestoreTimestamps.FormatPrecise(created));
        }
        if (document.UpdateTime is { } updated)
        {
            writer.WriteString("updateTime", FirestoreTimestamps.FormatPrecise(updated));
        }
        writer.WriteEndObject();
    }

    private static DateTimeOffset? ReadTime(JsonElement element, string member) =>
        element.TryGetProperty(member, out var t) && t.ValueKind == JsonValueKind.String
            ? FirestoreTimestamps.Parse(t.GetString()!)
            : null;
}
