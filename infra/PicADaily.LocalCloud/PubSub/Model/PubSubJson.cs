using System.Text.Json;
using System.Text.Json.Serialization;

namespace PicADaily.LocalCloud.PubSub.Model;

/// <summary>Proto JSON conventions: lowerCamelCase names, unset fields omitted.</summary>
public static class PubSubJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
