using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Firestore.Http;

/// <summary>Turns the JSON <c>Write</c> of commit and the query parameters of patch/delete into <see cref="DocumentWrite"/>s.</summary>
public static class WriteParser
{
    public static DocumentWrite Parse(JsonNode? node, string root)
    {
        if (node is not JsonObject write)
        {
            throw GoogleErrorException.InvalidArgument("Each write must be an object.");
        }

        var precondition = ParsePrecondition(write["currentDocument"]);
        if (write["delete"]?.GetValue<string>() is { } deleted)
        {
            return new DocumentWrite(InDatabase(deleted, root), true, null, null, [], precondition);
        }

        if (write["update"] is JsonObject update)
        {
            var mask = write["updateMask"] is { } updateMask ? ParsePaths(updateMask["fieldPaths"]) : null;
            return new DocumentWrite(
                InDatabase(update["name"]?.GetValue<string>(), root),
                false,
                ValueNormalizer.NormalizeFields(update["fields"], "update.fields"),
                mask,
                ParseTransforms(write["updateTransforms"]),
                precondition);
        }

        if (write["transform"] is JsonObject transform)
        {
            return new DocumentWrite(InDatabase(transform["document"]?.GetValue<string>(), root), false, [], [], ParseTransforms(transform["fieldTransforms"]), precondition);
        }

        throw GoogleErrorException.InvalidArgument("A write must hold update, delete or transform.");
    }

    public static Precondition? ParsePrecondition(bool? exists, string? updateTime)
    {
        if (exists is null && updateTime is null)
        {
            return null;
        }

        if (updateTime is not null && !Timestamps.TryParse(updateTime, out _))
        {
            throw GoogleErrorException.InvalidArgument($"currentDocument.updateTime \"{updateTime}\" is not a timestamp.");
        }

        Timestamps.TryParse(updateTime, out var micros);
        return new Precondition(exists, updateTime is null ? null : micros);
    }

    public static List<FieldPath> ParsePaths(IEnumerable<string?> paths) => [.. paths.Select(FieldPath.Parse)];

    private static Precondition? ParsePrecondition(JsonNode? node) =>
        node is null ? null : ParsePrecondition(node["exists"]?.GetValue<bool>(), node["updateTime"]?.GetValue<string>());

    private static List<FieldPath> ParsePaths(JsonNode? node) => ParsePaths((node as JsonArray ?? []).Select(p => p?.GetValue<string>()));

    private static List<FieldPath> ParseTransforms(JsonNode? node)
    {
        var paths = new List<FieldPath>();
        foreach (var transform in node as JsonArray ?? [])
        {
            if (transform?["setToServerValue"]?.GetValue<string>() != "REQUEST_TIME")
            {
                throw GoogleErrorException.Unimplemented("LocalCloud serves only the setToServerValue REQUEST_TIME field transform.");
            }

            paths.Add(FieldPath.Parse(transform["fieldPath"]?.GetValue<string>()));
        }

        return paths;
    }

    private static DocumentPath InDatabase(string? name, string root)
    {
        var path = DocumentPath.ParseName(name);
        return path.Name.StartsWith(root + "/", StringComparison.Ordinal)
            ? path
            : throw GoogleErrorException.InvalidArgument($"Document {name} is not in database {root}.");
    }
}
