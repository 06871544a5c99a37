using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PicADaily.Contracts.Decoding;

namespace PicADaily.Contracts.Tests.Support;

/// <summary>A golden wire fixture: one recorded delivery and what decoding it must yield.</summary>
public sealed record DeliveryFixture(string Name, DeliveryRequest Request, JsonObject Expected)
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(Folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static DeliveryFixture Load(string name)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name)))!.AsObject();
        var request = root["request"]!.AsObject();
        var headers = request["headers"]!.AsObject().Select(h => new KeyValuePair<string, string>(h.Key, h.Value!.GetValue<string>()));
        var body = request["body"] switch
        {
            JsonValue text when text.GetValueKind() == JsonValueKind.String => Encoding.UTF8.GetBytes(text.GetValue<string>()),
            JsonNode json => Encoding.UTF8.GetBytes(json.ToJsonString()),
            null => [],
        };
        return new DeliveryFixture(name, new DeliveryRequest(headers, request["contentType"]?.GetValue<string>(), body), root["expected"]!.AsObject());
    }

    public override string ToString() => Name;
}
