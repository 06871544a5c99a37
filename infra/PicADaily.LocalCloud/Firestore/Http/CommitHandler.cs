using System.Text.Json.Nodes;

using PicADaily.LocalCloud.Firestore.Storage;
using PicADaily.LocalCloud.Firestore.Values;
using PicADaily.LocalCloud.Firestore.Writes;

namespace PicADaily.LocalCloud.Firestore.Http;

/// <summary><c>:commit</c> (atomic, in order, one commit time) and <c>:batchWrite</c> (each write alone).</summary>
public sealed class CommitHandler(FirestoreStore store)
{
    public async Task<IResult> Commit(HttpRequest request, string root, CancellationToken cancellationToken)
    {
        var body = await RequestReading.JsonBody(request, cancellationToken);
        if (body["transaction"] is not null)
        {
            throw FirestoreException.Unimplemented("LocalCloud does not serve transactions; commit without one.");
        }

        var writes = (body["writes"] as JsonArray ?? []).Select(w => WriteParser.Parse(w, root)).ToList();
        var (outcomes, commitTime) = store.Write(tx => (writes.Select(w => WriteApplier.Apply(tx, w)).ToList(), tx.CommitTime));
        return Results.Json(new JsonObject
        {
            ["writeResults"] = new JsonArray([.. outcomes.Select(ToJson)]),
            ["commitTime"] = Timestamps.Format(commitTime),
        });
    }

    public async Task<IResult> BatchWrite(HttpRequest request, string root, CancellationToken cancellationToken)
    {
        var body = await RequestReading.JsonBody(request, cancellationToken);
        var results = new JsonArray();
        var statuses = new JsonArray();
        foreach (var node in body["writes"] as JsonArray ?? [])
        {
            try
            {
                var write = WriteParser.Parse(node, root);
                results.Add(ToJson(store.Write(tx => WriteApplier.Apply(tx, write))));
                statuses.Add(new JsonObject());
            }
            catch (FirestoreException error)
            {
                // batchWrite reports each write's failure in its status and carries on.
                results.Add(new JsonObject());
                statuses.Add(new JsonObject { ["code"] = error.GrpcCode, ["message"] = error.Message });
            }
        }

        return Results.Json(new JsonObject { ["writeResults"] = results, ["status"] = statuses });
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
