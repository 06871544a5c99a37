using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PicADaily.LocalCloud.Tests.Differential;

/// <summary>
/// Makes two servers' answers comparable: values each server chooses for itself (message and ack ids,
/// publish/create/update/read/commit times, page tokens, transaction ids, generated document ids, error
/// message wording) become placeholders; everything else (status codes, Google error <c>status</c>
/// strings, field names, shapes, the test's own data) stays as answered.
/// </summary>
public static partial class ResponseNormalizer
{
    /// <summary>Times the tests write themselves are in this year; any other time a server chose.</summary>
    public const string TestDataYear = "2001-";

    private static readonly HashSet<string> ChosenByServer =
    [
        "messageId", "message_id", "publishTime", "publish_time", "ackId", "createTime", "updateTime",
        "readTime", "commitTime", "transaction", "nextPageToken",
    ];

    public static JsonNode? Normalize(string body)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body.Length == 0 ? "null" : body);
        }
        catch (JsonException)
        {
            return JsonValue.Create("<not JSON> " + body);
        }

        return Normalize(node, null);
    }

    private static JsonNode? Normalize(JsonNode? node, string? key)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    // Error wording differs between servers; the code and status beside it are compared.
                    copy[name] = name == "message" && (key == "error" || obj.ContainsKey("code")) ? "<message>" : Normalize(value, name);
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => key == "messageIds" ? JsonValue.Create("<messageId>") : Normalize(item, key))]);
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (key is not null && ChosenByServer.Contains(key))
                {
                    return $"<{key}>";
                }

                if (Timestamp().IsMatch(text) && !text.StartsWith(TestDataYear, StringComparison.Ordinal))
                {
                    return "<time>";
                }

                return GeneratedDocumentId().Replace(text, "/<generated id>");
            default:
                return node?.DeepClone();
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    private static partial Regex Timestamp();

    // Firestore's generated ids are 20 letters and digits; the tests' own ids are shorter.
    [GeneratedRegex(@"(?<=/documents/(?:[^/]+/[^/]+/)*[^/]+)/[A-Za-z0-9]{20}$")]
    private static partial Regex GeneratedDocumentId();
}
