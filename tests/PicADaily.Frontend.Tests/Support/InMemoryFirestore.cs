using System.Collections.Concurrent;
using PicADaily.GoogleCloud.Errors;
using PicADaily.GoogleCloud.Firestore;

namespace PicADaily.Frontend.Tests.Support;

/// <summary>
/// Just enough of Firestore for the timeline and the kept dead letters: create-if-absent (AlreadyExists
/// otherwise, directly or as a guarded commit stamping the commit time), a masked patch of an existing
/// document, an equality query, and one field ordered with the
/// document name (ascending from a time or after a cursor, or descending). Commit times strictly increase, like
/// Firestore's. Anything else fails loudly, so a test cannot pass on an unsupported call.
/// Several frontends may share one instance: that is several instances on one Firestore.
/// </summary>
public sealed class InMemoryFirestore : IFirestoreClient
{
    private readonly ConcurrentDictionary<(string Collection, string Id), FirestoreDocument> documents = new();
    private readonly Lock commitGate = new();
    private long lastCommitMicros = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

    /// <summary>How many queries were run (each one request to Firestore).</summary>
    public int Queries => queries;

    private int queries;

    public IReadOnlyList<FirestoreDocument> In(string collection) =>
        documents.Where(d => d.Key.Collection == collection).Select(d => d.Value).ToList();

    public string DocumentName(string collectionId, string documentId) => $"projects/test/databases/(default)/documents/{collectionId}/{documentId}";

    public Task<FirestoreDocument?> GetDocumentAsync(string collectionId, string documentId, CancellationToken cancellationToken) =>
        Task.FromResult(documents.TryGetValue((collectionId, documentId), out var document) ? document : null);

    public Task<FirestoreDocument> CreateDocumentAsync(string collectionId, string documentId, IReadOnlyDictionary<string, FirestoreValue> fields, CancellationToken cancellationToken) =>
        Task.FromResult(Create(collectionId, documentId, fields, []));

    public Task<FirestoreCommitResult> CommitAsync(IReadOnlyList<FirestoreWrite> writes, CancellationToken cancellationToken)
    {
        if (writes is not [UpdateWrite { UpdateMask: null } write] || write.Precondition != FirestorePrecondition.MustNotExist)
        {
            throw new NotSupportedException("The in-memory Firestore commits one create-if-absent write only.");
        }

        var created = Create(write.CollectionId, write.DocumentId, write.Fields, write.SetToRequestTime);
        var transforms = write.SetToRequestTime.Select(path => created[path]!).ToList();
        return Task.FromResult(new FirestoreCommitResult(created.UpdateTime, [new FirestoreWriteResult(created.UpdateTime, transforms)]));
    }

    public Task<IReadOnlyList<FirestoreDocument>> RunQueryAsync(FirestoreQuery query, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref queries);
        var inCollection = documents.Where(d => d.Key.Collection == query.CollectionId).Select(d => d.Value);
        IEnumerable<FirestoreDocument> result = query switch
        {
            { Where: FieldFilter { Op: FieldOperator.Equal } filter, OrderBy.Count: 0, StartAt: null } => inCollection.Where(d => d[filter.FieldPath] == filter.Value),
            { Where: null, OrderBy: [var field, { FieldPath: FirestoreOrder.DocumentNameField } name] } when field.Direction == name.Direction => Ordered(inCollection, field, query.StartAt),
            _ => throw new NotSupportedException("The in-memory Firestore answers single equality queries and one ordered field only."),
        };
        IReadOnlyList<FirestoreDocument> list = result.Take(query.Limit ?? int.MaxValue).ToList();
        return Task.FromResult(list);
    }

    /// <summary>Only what marking a dead letter replayed needs: listed fields of an existing document.</summary>
    public Task<FirestoreDocument> PatchDocumentAsync(string collectionId, string documentId, IReadOnlyDictionary<string, FirestoreValue> fields, IReadOnlyList<string>? updateMask, FirestorePrecondition? precondition, CancellationToken cancellationToken)
    {
        if (updateMask is null || precondition != FirestorePrecondition.MustExist || updateMask.Any(path => !fields.ContainsKey(path)))
        {
            throw new NotSupportedException("The in-memory Firestore patches only listed fields of a document that must exist.");
        }

        lock (commitGate)
        {
            if (!documents.TryGetValue((collectionId, documentId), out var current))
            {
                throw new GoogleApiRequestException(GoogleApiErrorKind.NotFound, System.Net.HttpStatusCode.NotFound, "NOT_FOUND", "No document to update");
            }

            var now = DateTimeOffset.UnixEpoch.AddTicks(++lastCommitMicros * 10);
            var stored = new Dictionary<string, FirestoreValue>(current.Fields);
            foreach (var path in updateMask)
            {
                stored[path] = fields[path];
            }

            var patched = current with { Fields = stored, UpdateTime = now };
            documents[(collectionId, documentId)] = patched;
            return Task.FromResult(patched);
        }
    }

    public Task DeleteDocumentAsync(string collectionId, string documentId, FirestorePrecondition? precondition, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The frontend never deletes documents.");

    private FirestoreDocument Create(string collectionId, string documentId, IReadOnlyDictionary<string, FirestoreValue> fields, IReadOnlyList<string> setToRequestTime)
    {
        lock (commitGate)
        {
            // Microseconds, like Firestore's stored timestamps, and strictly increasing.
            var now = DateTimeOffset.UnixEpoch.AddTicks(++lastCommitMicros * 10);
            var stored = new Dictionary<string, FirestoreValue>(fields);
            foreach (var path in setToRequestTime)
            {
                stored[path] = new TimestampValue(now);
            }

            var document = new FirestoreDocument(DocumentName(collectionId, documentId), stored, now, now);
            if (!documents.TryAdd((collectionId, documentId), document))
            {
                throw new GoogleApiRequestException(GoogleApiErrorKind.AlreadyExists, System.Net.HttpStatusCode.Conflict, "ALREADY_EXISTS", "Document already exists");
            }

            return document;
        }
    }

    // Firestore leaves out documents without the ordered field.
    private static IEnumerable<FirestoreDocument> Ordered(IEnumerable<FirestoreDocument> documents, FirestoreOrder field, FirestoreCursor? startAt)
    {
        var keyed = documents.Where(d => d[field.FieldPath] is TimestampValue).Select(d => (Key: (UtcTicks: ((TimestampValue)d[field.FieldPath]!).Value.UtcTicks, d.Name), Document: d));
        if (startAt is { Before: false, Values: [TimestampValue time, ReferenceValue name] })
        {
            keyed = keyed.Where(k => k.Key.UtcTicks > time.Value.UtcTicks || (k.Key.UtcTicks == time.Value.UtcTicks && string.CompareOrdinal(k.Key.Name, name.DocumentName) > 0));
        }
        else if (startAt is { Before: true, Values: [TimestampValue from] })
        {
            keyed = keyed.Where(k => k.Key.UtcTicks >= from.Value.UtcTicks);
        }
        else if (startAt is not null)
        {
            throw new NotSupportedException("The in-memory Firestore starts only after a (timestamp, name) cursor.");
        }

        var comparer = Comparer<(long, string)>.Create((a, b) => a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : string.CompareOrdinal(a.Item2, b.Item2));
        var sorted = field.Direction == FirestoreDirection.Ascending ? keyed.OrderBy(k => k.Key, comparer) : keyed.OrderByDescending(k => k.Key, comparer);
        return sorted.Select(k => k.Document);
    }
}
