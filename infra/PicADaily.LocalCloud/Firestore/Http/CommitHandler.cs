using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Firestore.Http;

/// <summary><c>:commit</c>: atomic, in order, one commit time. (No <c>:batchWrite</c>: no client sends one.)</summary>
public sealed class CommitHandler(FirestoreStore store)
{
    public async Task<IResult> Commit(HttpRequest request, string root, CancellationToken cancellationToken)
    {
        var body = await RequestReading.JsonBody(request, cancellationToken);
        if (body["transaction"] is not null)
        {
            throw GoogleErrorException.Unimplemented("LocalCloud does not serve transactions; commit without one.");
        }

        var writes = (body["writes"] as JsonArray ?? []).Select(w => WriteParser.Parse(w, root)).ToList();
        var (outcomes, commitTime) = store.Write(tx => (writes.Select(w => WriteApplier.Apply(tx, w)).ToList(), tx.CommitTime));
        return Results.Json(new JsonObject
        {
            ["writeResults"] = new JsonArray([.. outcomes.Select(ToJson)]),
            ["commitTime"] = Timestamps.Format(commitTime),
        });
    }

    private static JsonNode ToJson(WriteOutcome outcome)
    {
        var result = new JsonObject();
        if (outcome.UpdateTime is { } updateTime)
        {
            result["updateTime"] = Timestamps.Format(updateTime);
        }

        if (outcome.TransformResults.Count > 0)
        {
            result["transformResults"] = new JsonArray([.. outcome.TransformResults]);
        }

        return result;
    }
}
