using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Firestore.Writes;

/// <summary>Applies writes inside a store transaction with Firestore's precondition, mask and transform rules.</summary>
public static class WriteApplier
{
    public static WriteOutcome Apply(StoreTransaction transaction, DocumentWrite write)
    {
        var current = transaction.Get(write.Path);
        Check(write.Precondition, current, write.Path);
        if (write.IsDelete)
        {
            transaction.Delete(write.Path);
            return new WriteOutcome(null, [], null);
        }

        JsonObject fields;
        if (write.UpdateMask is null)
        {
            fields = (JsonObject)(write.Fields ?? []).DeepClone();
        }
        else
        {
            fields = (JsonObject)(current?.Fields ?? []).DeepClone();
            foreach (var path in write.UpdateMask)
            {
                // A masked path that the body does not hold is deleted, as Firestore does.
                if (write.Fields is not null && path.Find(write.Fields) is { } value)
                {
                    path.Set(fields, (JsonObject)value.DeepClone());
                }
                else
                {
                    path.Remove(fields);
                }
            }
        }

        var transformResults = new List<JsonObject>();
        foreach (var path in write.RequestTimeTransforms)
        {
            var now = new JsonObject { ["timestampValue"] = Timestamps.Format(transaction.CommitTime) };
            path.Set(fields, now);
            transformResults.Add((JsonObject)now.DeepClone());
        }

        var stored = transaction.Put(write.Path, fields, current?.CreateTime ?? transaction.CommitTime);
        return new WriteOutcome(stored.UpdateTime, transformResults, stored);
    }

    private static void Check(Precondition? precondition, StoredDocument? current, DocumentPath path)
    {
        if (precondition is null)
        {
            return;
        }

        if (precondition.Exists == true && current is null)
        {
            throw GoogleErrorException.NotFound($"No document to update: {path.Name}");
        }

        if (precondition.Exists == false && current is not null)
        {
            throw GoogleErrorException.AlreadyExists($"Document already exists: {path.Name}");
        }

        if (precondition.UpdateTime is { } expected && current?.UpdateTime != expected)
        {
            throw current is null
                ? GoogleErrorException.NotFound($"No document to update: {path.Name}")
                : GoogleErrorException.FailedPrecondition($"The document {path.Name} was updated at {Timestamps.Format(current.UpdateTime)}, not at {Timestamps.Format(expected)}.");
        }
    }
}
