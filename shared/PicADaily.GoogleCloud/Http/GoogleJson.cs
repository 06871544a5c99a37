using System.Text.Json;
using System.Text.Json.Serialization;

namespace PicADaily.GoogleCloud.Http;

/// <summary>proto3 JSON conventions: lowerCamelCase names, absent defaults omitted, int64 as strings accepted.</summary>
internal static class GoogleJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Deserialize<T>(JsonElement element, string operation)
    {
        try
        {
            return element.ValueKind == JsonValueKind.Undefined
                ? throw new JsonException("empty response body")
                : element.Deserialize<T>(Options) ?? throw new JsonException("null response body");
        }
        catch (JsonException e)
        {
            throw new Errors.GoogleApiRequestException(Errors.GoogleApiErrorKind.Other, statusCode: null, status: null,
                $"{operation} returned an unexpected body: {e.Message}", e);
        }
    }

    /// <summary>A path segment for a resource id: everything outside the unreserved set is percent-encoded.</summary>
    public static string Segment(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return Uri.EscapeDataString(id);
    }
}
