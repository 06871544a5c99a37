using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PicADaily.GoogleCloud.Firestore;

/// <summary>
/// <c>google.firestore.v1.Value</c> in proto3 JSON: one member naming the kind, e.g.
/// <c>{"integerValue":"42"}</c>, <c>{"mapValue":{"fields":{…}}}</c>.
/// </summary>
public sealed class FirestoreValueJsonConverter : JsonConverter<FirestoreValue>
{
    /// <inheritdoc />
    public override FirestoreValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return Decode(document.RootElement);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, FirestoreValue value, JsonSerializerOptions options) => Encode(writer, value);

    /// <summary>Decodes one Value object.</summary>
    public static FirestoreValue Decode(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"A Firestore value must be a JSON object, not {element.ValueKind}.");
        }
        using var members = element.EnumerateObject();
        if (!members.MoveNext())
        {
            throw new JsonException("A Firestore value object is empty.");
        }
        var member = members.Current;
        try
        {
            return DecodeMember(member.Name, member.Value);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException or ArgumentNullException
                                   || (e is JsonException && !e.Message.StartsWith("Bad Firestore", StringComparison.Ordinal)))
        {
            throw new JsonException($"Bad Firestore {member.Name}: {e.Message}", e);
        }
    }

    private static FirestoreValue DecodeMember(string kind, JsonElement v) =>
        kind switch
        {
            "nullValue" => FirestoreValue.Null,
            "booleanValue" => new BooleanValue(v.GetBoolean()),
            "integerValue" => new IntegerValue(v.ValueKind == JsonValueKind.String
                ? long.Parse(Text(v), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                : v.GetInt64()),
            "doubleValue" => new DoubleValue(ReadDouble(v)),
            "timestampValue" => new TimestampValue(FirestoreTimestamps.Parse(Text(v))),
            "stringValue" => new StringValue(Text(v)),
            "bytesValue" => new BytesValue(Convert.FromBase64String(Text(v))),
            "referenceValue" => new ReferenceValue(Text(v)),
            "geoPointValue" => new GeoPointValue(
                v.TryGetProperty("latitude", out var lat) ? ReadDouble(lat) : 0,
                v.TryGetProperty("longitude", out var lng) ? ReadDouble(lng) : 0),
            "arrayValue" => new ArrayValue(v.TryGetProperty("values", out var values)
                ? values.EnumerateArray().Select(Decode).ToArray()
                : []),
            "mapValue" => new MapValue(v.TryGetProperty("fields", out var fields) ? DecodeFields(fields) : new Dictionary<string, FirestoreValue>()),
            _ => throw new JsonException($"Unknown Firestore value kind '{kind}'."),
        };

    /// <summary>Decodes a <c>fields</c> object (name → Value).</summary>
    public static Dictionary<string, FirestoreValue> DecodeFields(JsonElement fields)
    {
        var result = new Dictionary<string, FirestoreValue>(StringComparer.Ordinal);
        foreach (var field in fields.EnumerateObject())
        {
            result[field.Name] = Decode(field.Value);
        }
        return result;
    }

    /// <summary>Encodes one Value object.</summary>
    public static void Encode(Utf8JsonWriter writer, FirestoreValue value)
    {
        writer.WriteStartObject();
        switch (value)
        {
            case NullValue:
                writer.WriteNull("nullValue");
                break;
            case BooleanValue b:
                writer.WriteBoolean("booleanValue", b.Value);
                break;
            case IntegerValue i:
                writer.WriteString("integerValue", i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case DoubleValue d:
                writer.WritePropertyName("doubleValue");
                WriteDouble(writer, d.Value);
                break;
            case TimestampValue t:
                writer.WriteString("timestampValue", FirestoreTimestamps.FormatMicroseconds(t.Value));
                break;
            case StringValue s:
                writer.WriteString("stringValue", s.Value);
                break;
            case BytesValue bytes:
                writer.WriteBase64String("bytesValue", bytes.Value.Span);
                break;
            case ReferenceValue r:
                writer.WriteString("referenceValue", r.DocumentName);
                break;
            case GeoPointValue g:
                writer.WriteStartObject("geoPointValue");
                writer.WritePropertyName("latitude");
                WriteDouble(writer, g.Latitude);
                writer.WritePropertyName("longitude");
                WriteDouble(writer, g.Longitude);
                writer.WriteEndObject();
                break;
            case ArrayValue a:
                writer.WriteStartObject("arrayValue");
                if (a.Values.Count > 0)
                {
                    writer.WriteStartArray("values");
                    foreach (var element in a.Values)
                    {
                        Encode(writer, element);
                    }
                    writer.WriteEndArray();
                }
                writer.WriteEndObject();
                break;
            case MapValue m:
                writer.WriteStartObject("mapValue");
                if (m.Fields.Count > 0)
                {
                    writer.WritePropertyName("fields");
                    EncodeFields(writer, m.Fields);
                }
                writer.WriteEndObject();
                break;
            default:
                throw new JsonException($"Unsupported Firestore value {value.GetType().Name}.");
        }
        writer.WriteEndObject();
    }

    /// <summary>Encodes a <c>fields</c> object (name → Value).</summary>
    public static void EncodeFields(Utf8JsonWriter writer, IReadOnlyDictionary<string, FirestoreValue> fields)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in fields)
        {
            writer.WritePropertyName(name);
            Encode(writer, value);
        }
        writer.WriteEndObject();
    }

    private static string Text(JsonElement v) =>
        v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new JsonException($"Expected a JSON string, not {v.ValueKind}.");

    private static double ReadDouble(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.String => v.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => double.Parse(s!, NumberStyles.Float, CultureInfo.InvariantCulture),
        },
        _ => throw new JsonException($"A double must be a number or \"NaN\"/\"Infinity\"/\"-Infinity\", not {v.ValueKind}."),
    };

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsNaN(value))
        {
            writer.WriteStringValue("NaN");
        }
        else if (double.IsPositiveInfinity(value))
        {
            writer.WriteStringValue("Infinity");
        }
        else if (double.IsNegativeInfinity(value))
        {
            writer.WriteStringValue("-Infinity");
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }
}
