using PicADaily.GoogleCloud.Firestore;

namespace PicADaily.Benchmarks.Cost;

/// <summary>
/// Counts what Firestore bills: a document read per document a get or query returns (at least one
/// per query), a write per created, patched or committed document, a delete per delete.
/// </summary>
internal sealed class CountingFirestore(IFirestoreClient inner) : IFirestoreClient
{
    private long reads;
    private long writes;
    private long deletes;

    public long Reads => Interlocked.Read(ref reads);

    public long Writes => Interlocked.Read(ref writes);

    public long Deletes => Interlocked.Read(ref deletes);

    public string DocumentName(string collectionId, string documentId) => inner.DocumentName(collectionId, documentId);

    public Task<FirestoreDocument?> GetDocumentAsync(string collectionId, string documentId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref reads);
        return inner.GetDocumentAsync(collectionId, documentId, cancellationToken);
    }

    public Task<FirestoreDocument> CreateDocumentAsync(string collectionId, string documentId, IReadOnlyDictionary<string, FirestoreValue> fields, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref writes);
        return inner.CreateDocumentAsync(collectionId, documentId, fields, cancellationToken);
    }

    public Task<FirestoreDocument> PatchDocumentAsync(string collectionId, string documentId, IReadOnlyDictionary<string, FirestoreValue> fields, IReadOnlyList<string>? updateMask, FirestorePrecondition? precondition, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref writes);
        return inner.PatchDocumentAsync(collectionId, documentId, fields, updateMask, precondition, cancellationToken);
    }

    public Task DeleteDocumentAsync(string collectionId, string documentId, FirestorePrecondition? precondition, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref deletes);
        return inner.DeleteDocumentAsync(collectionId, documentId, precondition, cancellationToken);
    }

    public async Task<IReadOnlyList<FirestoreDocument>> RunQueryAsync(FirestoreQuery query, CancellationToken cancellationToken)
    {
        var documents = await inner.RunQueryAsync(query, cancellationToken);
        Interlocked.Add(ref reads, Math.Max(1, documents.Count));
        return documents;
    }

    public Task<FirestoreCommitResult> CommitAsync(IReadOnlyList<FirestoreWrite> writes, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref this.writes, writes.Count);
        return inner.CommitAsync(writes, cancellationToken);
    }
}
