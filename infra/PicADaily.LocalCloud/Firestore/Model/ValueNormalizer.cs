using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Firestore.Model;

/// <summary>
/// Checks a Firestore <c>Value</c> in proto3 JSON and returns it in one canonical spelling
/// (int64 as string, timestamps truncated to microseconds), so stored documents compare and index consistently.
/// </summary>
public static class ValueNormalizer
{
    public static JsonObject NormalizeFields(JsonNode? fields, string where)
    {
        var result = new JsonObject();
        if (fields is null)
        {
            return result;
        }

        if (fields is not JsonObject map)
        {
            throw GoogleErrorException.InvalidArgument($"{where}: \"fields\" must be an object.");
        }

        foreach (var (name, value) in map)
        {
            if (name.Length == 0)
            {
                throw GoogleErrorException.InvalidArgument($"{where}: a field name must not be empty.");
            }

            result[name] = Normalize(value, $"{where}.{name}", allowArray: true);
        }

        return result;
    }

    public static JsonObject Normalize(JsonNode? node, string where, bool allowArray = true)
    {
        if (node is not JsonObject value || value.Count != 1)
        {
            throw GoogleErrorException.InvalidArgument($"{where}: a value must be an object with exactly one of nullValue, booleanValue, integerValue, doubleValue, timestampValue, stringValue, bytesValue, referenceValue, geoPointValue, arrayValue, mapValue.");
        }

        var (kind, payload) = value.First();
        return kind switch
        {
            "nullValue" => new JsonObject { ["nullValue"] = null },
            "booleanValue" when payload?.GetValueKind() is JsonValueKind.True or JsonValueKind.False => new JsonObject { ["booleanValue"] = payload.GetValue<bool>() },
            "integerValue" => new JsonObject { ["integerValue"] = ParseInteger(payload, where).ToString(CultureInfo.InvariantCulture) },
            "doubleValue" => new JsonObject { ["doubleValue"] = DoubleNode(ParseDouble(payload, where)) },
            "timestampValue" when Timestamps.TryParse(StringOf(payload), out var micros) => new JsonObject { ["timestampValue"] = Timestamps.Format(micros) },
            "stringValue" when StringOf(payload) is { } text => new JsonObject { ["stringValue"] = text },
            "bytesValue" when StringOf(payload) is { } base64 && IsBase64(base64) => new JsonObject { ["bytesValue"] = base64 },
            "referenceValue" when StringOf(payload) is { } reference && DocumentPath.TryParseName(reference, out _) => new JsonObject { ["referenceValue"] = reference },
            "geoPointValue" when payload is JsonObject point => new JsonObject
            {
                ["geoPointValue"] = new JsonObject
                {
                    ["latitude"] = ParseDouble(point["latitude"] ?? JsonValue.Create(0.0), where),
                    ["longitude"] = ParseDouble(point["longitude"] ?? JsonValue.Create(0.0), where),
                },
            },
            "arrayValue" when allowArray && payload is JsonObject array => NormalizeArray(array, where),
            "arrayValue" when !allowArray => throw GoogleErrorException.InvalidArgument($"{where}: an array cannot contain another array."),
            "mapValue" when payload is JsonObject map => new JsonObject { ["mapValue"] = Wrap("fields", NormalizeFields(map["fields"], where)) },
            _ => throw GoogleErrorException.InvalidArgument($"{where}: invalid {kind}."),
        };
    }

    public static double DoubleOf(JsonObject value)
    {
        var node = value["doubleValue"]!;
        return node.GetValueKind() == JsonValueKind.String
            ? node.GetValue<string>() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                _ => double.NegativeInfinity,
            }
            : node.GetValue<double>();
    }

    public static JsonNode DoubleNode(double value) => value switch
    {
        double.NaN => JsonValue.Create("NaN"),
        double.PositiveInfinity => JsonValue.Create("Infinity"),
        double.NegativeInfinity => JsonValue.Create("-Infinity"),
        _ => JsonValue.Create(value),
    };

    private static JsonObject NormalizeArray(JsonObject array, string where)
    {
        var values = new JsonArray();
        if (array["values"] is JsonArray items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                values.Add(Normalize(items[i], $"{where}[{i}]", allowArray: false));
            }
        }
        else if (array["values"] is not null)
        {
            throw GoogleErrorException.InvalidArgument($"{where}: arrayValue.values must be an array.");
        }

        return new JsonObject { ["arrayValue"] = values.Count == 0 ? new JsonObject() : Wrap("values", values) };
    }

    private static JsonObject Wrap(string name, JsonNode inner) => inner is JsonObject { Count: 0 } ? new JsonObject() : new JsonObject { [name] = inner };

    private static string? StringOf(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out _);

    private static long ParseInteger(JsonNode? node, string where)
    {
        var ok = node?.GetValueKind() switch
        {
            JsonValueKind.String => long.TryParse(node.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? (long?)s : null,
            JsonValueKind.Number => ((JsonValue)node).TryGetValue<long>(out var n) ? n : null,
            _ => null,
        };
        return ok ?? throw GoogleErrorException.InvalidArgument($"{where}: integerValue must be an int64 (a string or an integral number).");
    }

    private static double ParseDouble(JsonNode? node, string where)
    {
        var ok = node?.GetValueKind() switch
        {
            JsonValueKind.Number => node.GetValue<double>(),
            JsonValueKind.String => node.GetValue<string>() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                var s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                _ => (double?)null,
            },
            _ => null,
        };
        return ok ?? throw GoogleErrorException.InvalidArgument($"{where}: expected a number.");
    }
}
