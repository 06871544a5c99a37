using System.Text.Json;
using System.Text.Json.Serialization;

namespace PicADaily.Contracts;

/// <summary>
/// The JSON settings of every payload on the wire: camelCase, int64 read from strings or numbers
/// (Google sends both), unknown members ignored, nulls omitted.
/// </summary>
public static class ContractsJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
