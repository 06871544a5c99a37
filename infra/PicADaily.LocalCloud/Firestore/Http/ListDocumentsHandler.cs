using System.Text;
using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Firestore.Http;

/// <summary>
/// <c>listDocuments</c>: <c>GET .../documents[/{doc path}]/{collectionId}</c> with <c>pageSize</c>, <c>pageToken</c>,
/// <c>orderBy</c> (<c>"field [asc|desc], ..."</c>) and <c>mask.fieldPaths</c>, answered as the official emulator
/// answers it: <c>{"documents":[...],"nextPageToken":"..."}</c>, <c>{}</c> when empty, every document when no
/// pageSize is given. It runs as a query, so an <c>orderBy</c> field leaves out documents lacking it.
/// </summary>
public sealed class ListDocumentsHandler(QueryExecutor executor)
{
    private const string TokenPrefix = "offset:";

    /// <param name="collection">The collection's full path, e.g. <c>projects/p/databases/(default)/documents/pictures</c>.</param>
    public IResult List(HttpRequest request, string collection)
    {
        var slash = collection.LastIndexOf('/');
        var parent = collection[..slash];
        var pageSize = ReadPageSize(request);
        var offset = ReadPageToken(request);
        var query = new JsonObject
        {
            ["from"] = new JsonArray(new JsonObject { ["collectionId"] = collection[(slash + 1)..] }),
            ["orderBy"] = ParseOrderBy(request.Query["orderBy"].FirstOrDefault()),
            ["offset"] = offset,
        };
        if (pageSize is { } size)
        {
            // One more than a page tells whether another page follows.
            query["limit"] = size + 1;
        }

        var documents = executor.Execute(parent, StructuredQuery.Parse(query));
        var mask = request.Query.ContainsKey("mask.fieldPaths") ? WriteParser.ParsePaths(request.Query["mask.fieldPaths"]) : null;
        var page = pageSize is { } limit ? documents.Take(limit).ToList() : documents;
        var response = new JsonObject();
        if (page.Count > 0)
        {
            response["documents"] = new JsonArray([.. page.Select(d => d.ToJson(mask))]);
        }

        if (page.Count < documents.Count)
        {
            response["nextPageToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(TokenPrefix + (offset + page.Count)));
        }

        return Results.Json(response);
    }

    private static int? ReadPageSize(HttpRequest request) =>
        request.Query["pageSize"].FirstOrDefault() switch
        {
            null or "" or "0" => null,
            var text when int.TryParse(text, out var size) && size > 0 => size,
            var text => throw GoogleErrorException.InvalidArgument($"pageSize must be a positive number, not \"{text}\"."),
        };

    // The token is opaque to callers; an offset keeps it simple (a later page costs the pages before it).
    private static int ReadPageToken(HttpRequest request)
    {
        if (request.Query["pageToken"].FirstOrDefault() is not { Length: > 0 } token)
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith(TokenPrefix, StringComparison.Ordinal) && int.TryParse(text[TokenPrefix.Length..], out var offset) && offset >= 0)
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Falls through to the refusal below.
        }

        throw GoogleErrorException.InvalidArgument($"Invalid pageToken \"{token}\".");
    }

    // "created desc, __name__" -> structuredQuery orderBy entries.
    private static JsonArray ParseOrderBy(string? orderBy)
    {
        var orders = new JsonArray();
        foreach (var entry in (orderBy ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var direction = words.Length switch
            {
                1 => "ASCENDING",
                2 when words[1].Equals("asc", StringComparison.OrdinalIgnoreCase) => "ASCENDING",
                2 when words[1].Equals("desc", StringComparison.OrdinalIgnoreCase) => "DESCENDING",
                _ => throw GoogleErrorException.InvalidArgument($"Invalid orderBy \"{entry}\": expected \"field [asc|desc]\"."),
            };
            orders.Add(new JsonObject { ["field"] = new JsonObject { ["fieldPath"] = words[0] }, ["direction"] = direction });
        }

        return orders;
    }
}
