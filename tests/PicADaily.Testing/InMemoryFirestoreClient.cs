using PicADaily.GoogleCloud.Errors;
using PicADaily.GoogleCloud.Firestore;

namespace PicADaily.Testing;

/// <summary>
/// Firestore documents in memory with the documented precondition behaviour (exists → NotFound /
/// AlreadyExists, updateTime → PreconditionFailed) and the query subset the services use
/// (EQUAL, ARRAY_CONTAINS, AND; order by; start cursors; limit).
/// </summary>
public sealed class InMemoryFirestoreClient : IFirestoreClient
{
    private const string Root = "projects/test/databases/(default)/documents";
    private readonly Dictionary<(string Collection, string Id), FirestoreDocument> documents = [];
    private readonly Lock gate = new();
    private long clock = DateTimeOffset.UnixEpoch.AddYears(54).UtcTicks;

    /// <summary>Runs before each write is applied (e.g. to interleave a concurrent change).</summary>
    public Func<string, Task>? BeforeWrite { get; set; }

    /// <summary>When set, every call fails with this to simulate an outage.</summary>
    public Exception? Outage { get; set; }

    public IReadOnlyList<FirestoreDocument> All(string collectionId)
    {
        lock (gate)
        {
            return documents.Where(d => d.Key.Collection == collectionId).Select(d => d.Value).ToList();
        }
    }

    public string DocumentName(string collectionId, string documentId) => $"{Root}/{collectionId}/{documentId}";

    public Task<FirestoreDocument?> GetDocumentAsync(string collectionId, string documentId, CancellationToken cancellationToken)
    {
        ThrowIfOutage();
        lock (gate)
        {
            return Task.FromResult(documents.GetValueOrDefault((collectionId, documentId)));
        }
    }

    public Task<FirestoreDocument> CreateDocumentAsync(string collectionId, string documentId, IReadOnlyDictionary<string, FirestoreValue> fields, CancellationToken cancellationToken) =>
        PatchDocumentAsync(collectionId, documentId, fields, null, FirestorePrecondition.MustNotExist, cancellationToken);

    public async Task<FirestoreDocument> PatchDocumentAsync(string collectionId, string documentId, IReadOnlyDictionary<string, FirestoreValue> fields,
        IReadOnlyList<string>? updateMask, FirestorePrecondition? precondition, CancellationToken cancellationToken)
    {
        ThrowIfOutage();
        await RunHookAsync(documentId);
        lock (gate)
        {
            var current = documents.GetValueOrDefault((collectionId, documentId));
            Check(precondition, current);
            var merged = updateMask is null ? new Dictionary<string, FirestoreValue>(fields) : Merge(current, fields, updateMask);
            var now = Tick();
            var written = new FirestoreDocument(DocumentName(collectionId, documentId), merged, current?.CreateTime ?? now, now);
            documents[(collectionId, documentId)] = written;
            return written;
        }
    }

    public async Task DeleteDocumentAsync(string collectionId, string documentId, FirestorePrecondition? precondition, CancellationToken cancellationToken)
    {
        ThrowIfOutage();
        await RunHookAsync(documentId);
        lock (gate)
        {
            Check(precondition, documents.GetValueOrDefault((collectionId, documentId)));
            documents.Remove((collectionId, documentId));
        }
    }

    public Task<IReadOnlyList<FirestoreDocument>> RunQueryAsync(FirestoreQuery query, CancellationToken cancellationToken)
    {
        ThrowIfOutage();
        lock (gate)
        {
            IEnumerable<FirestoreDocument> matches = documents.Where(d => d.Key.Collection == query.CollectionId).Select(d => d.Value)
                .Where(d => query.Where is null || Matches(query.Where, d));
            var ordered = matches.ToList();
            ordered.Sort((a, b) => CompareKeys(Keys(query.OrderBy, a), Keys(query.OrderBy, b), query.OrderBy));
            if (query.StartAt is { } start)
            {
                ordered = ordered.Where(d =>
                {
                    var order = CompareKeys(Keys(query.OrderBy, d).Take(start.Values.Count).ToList(), start.Values, query.OrderBy);
                    return start.Before ? order >= 0 : order > 0;
                }).ToList();
            }

            IReadOnlyList<FirestoreDocument> result = query.Limit is { } limit ? ordered.Take(limit).ToList() : ordered;
            return Task.FromResult(result);
        }
    }

    public async Task<FirestoreCommitResult> CommitAsync(IReadOnlyList<FirestoreWrite> writes, CancellationToken cancellationToken)
    {
        ThrowIfOutage();
        var results = new List<FirestoreWriteResult>();
        foreach (var write in writes)
        {
            switch (write)
            {
                case UpdateWrite update:
                    var written = await PatchDocumentAsync(update.CollectionId, update.DocumentId, update.Fields, update.UpdateMask, update.Precondition, cancellationToken);
                    results.Add(new FirestoreWriteResult(written.UpdateTime, []));
                    break;
                case DeleteWrite delete:
                    await DeleteDocumentAsync(delete.CollectionId, delete.DocumentId, delete.Precondition, cancellationToken);
                    results.Add(new FirestoreWriteResult(null, []));
                    break;
            }
        }

        // Not atomic across writes; the services do not use commit, this exists for completeness of the interface.
        return new FirestoreCommitResult(DateTimeOffset.UtcNow, results);
    }

    private static void Check(FirestorePrecondition? precondition, FirestoreDocument? current)
    {
        if (precondition is null)
        {
            return;
        }

        if (precondition.Exists == true && current is null)
        {
            throw new GoogleApiRequestException(GoogleApiErrorKind.NotFound, System.Net.HttpStatusCode.NotFound, "NOT_FOUND", "No document to update");
        }

        if (precondition.Exists == false && current is not null)
        {
            throw new GoogleApiRequestException(GoogleApiErrorKind.AlreadyExists, System.Net.HttpStatusCode.Conflict, "ALREADY_EXISTS", "Document already exists");
        }

        if (precondition.UpdateTime is { } updateTime && current?.UpdateTime != updateTime)
        {
            throw new GoogleApiRequestException(GoogleApiErrorKind.PreconditionFailed, System.Net.HttpStatusCode.BadRequest, "FAILED_PRECONDITION", "The document was updated since");
        }
    }

    private static Dictionary<string, FirestoreValue> Merge(FirestoreDocument? current, IReadOnlyDictionary<string, FirestoreValue> fields, IReadOnlyList<string> mask)
    {
        var merged = current is null ? [] : new Dictionary<string, FirestoreValue>(current.Fields);
        foreach (var path in mask)
        {
            if (fields.TryGetValue(path, out var value))
            {
                merged[path] = value;
            }
            else
            {
                merged.Remove(path);
            }
        }

        return merged;
    }

    private static bool Matches(FirestoreFilter filter, FirestoreDocument document) => filter switch
    {
        CompositeFilter { Op: CompositeOperator.And } and => and.Filters.All(f => Matches(f, document)),
        FieldFilter { Op: FieldOperator.Equal } equal => Equals(document[equal.FieldPath], equal.Value),
        FieldFilter { Op: FieldOperator.ArrayContains } contains => document[contains.FieldPath] is ArrayValue array && array.Values.Contains(contains.Value),
        _ => throw new NotSupportedException($"The in-memory Firestore does not evaluate {filter}."),
    };

    private List<FirestoreValue> Keys(IReadOnlyList<FirestoreOrder> order, FirestoreDocument document) =>
        order.Select(o => o.FieldPath == FirestoreOrder.DocumentNameField ? new ReferenceValue(document.Name) : document[o.FieldPath] ?? new NullValue()).ToList();

    private static int CompareKeys(IReadOnlyList<FirestoreValue> left, IReadOnlyList<FirestoreValue> right, IReadOnlyList<FirestoreOrder> order)
    {
        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            var compared = Compare(left[i], right[i]);
            if (compared != 0)
            {
                return order[i].Direction == FirestoreDirection.Descending ? -compared : compared;
            }
        }

        return 0;
    }

    private static int Compare(FirestoreValue left, FirestoreValue right) => (left, right) switch
    {
        (TimestampValue a, TimestampValue b) => a.Value.CompareTo(b.Value),
        (IntegerValue a, IntegerValue b) => a.Value.CompareTo(b.Value),
        (StringValue a, StringValue b) => string.CompareOrdinal(a.Value, b.Value),
        (ReferenceValue a, ReferenceValue b) => string.CompareOrdinal(a.DocumentName, b.DocumentName),
        (BooleanValue a, BooleanValue b) => a.Value.CompareTo(b.Value),
        _ => 0,
    };

    private DateTimeOffset Tick() => new(Interlocked.Add(ref clock, 10), TimeSpan.Zero);

    private async Task RunHookAsync(string documentId)
    {
        if (BeforeWrite is { } hook)
        {
            await hook(documentId);
        }
    }

    private void ThrowIfOutage()
    {
        if (Outage is { } outage)
        {
            throw outage;
        }
    }
}
