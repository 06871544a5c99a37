using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Firestore.Http;

/// <summary><c>:runQuery</c>: the REST form of the result stream, a JSON array of <c>{document, readTime}</c>, or <c>[{readTime}]</c> when empty; the last element carries <c>"done": true</c>.</summary>
public sealed class QueryHandler(QueryExecutor executor, TimeProvider time)
{
    public async Task<IResult> RunQuery(HttpRequest request, string parent, CancellationToken cancellationToken)
    {
        var body = await RequestReading.JsonBody(request, cancellationToken);
        var query = StructuredQuery.Parse(body["structuredQuery"]);
        var readTime = Timestamps.Format((time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
        var documents = executor.Execute(parent, query);
        var response = new JsonArray();
        foreach (var document in documents)
        {
            response.Add(new JsonObject { ["document"] = document.ToJson(query.Select), ["readTime"] = readTime });
        }

        if (response.Count == 0)
        {
            response.Add(new JsonObject { ["readTime"] = readTime });
        }

        // The whole result is in this one answer, so its last element says so, as the emulator's does.
        response[^1]!["done"] = true;

        return Results.Json(response);
    }
}
