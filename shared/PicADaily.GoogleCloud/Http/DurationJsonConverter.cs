using System.Text.Json;
using System.Text.Json.Serialization;
using PicADaily.Contracts.ProtoJson;

namespace PicADaily.GoogleCloud.Http;

/// <summary>google.protobuf.Duration in JSON (<c>"10s"</c>, <c>"3.5s"</c>), through <see cref="ProtoDuration"/>.</summary>
public sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    /// <inheritdoc />
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return ProtoDuration.TryParse(text, out var value) ? value : throw new JsonException($"'{text}' is not a duration like \"10s\".");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ProtoDuration.Format(value));
}
