using System.Collections.Concurrent;
using PicADaily.GoogleCloud.Errors;
using PicADaily.GoogleCloud.Firestore;

namespace PicADaily.Frontend.Tests.Support;

/// <summary>
/// Just enough of Firestore for the timeline: create-if-absent (AlreadyExists otherwise) and an
/// equality query. Anything else fails loudly, so a test cannot pass on an unsupported call.
/// </summary>
public sealed class InMemoryFirestore : IFirestoreClient
{
    private readonly ConcurrentDictionary<(string Collection, string Id), FirestoreDocument> documents = new();

    public IReadOnlyList<FirestoreDocument> In(string collection) =>
        documents.Where(d => d.Key.Collection == collection).Select(d => d.Value).ToList();

    public string DocumentName(string collectionId, string documentId) => $"projects/test/databases/(default)/documents/{collectionId}/{documentId}";

    public Task<FirestoreDocument?> GetDocumentAsync(string collectionId, string documentId, CancellationToken cancellationToken) =>
        Task.FromResult(documents.TryGetValue((collectionId, documentId), out var document) ? document : null);

    public Task<FirestoreDocument> CreateDocumentAsync(string collectionId, string documentId, IReadOnlyDictionary<string, FirestoreValue> fields, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var document = new FirestoreDocument(DocumentName(collectionId, documentId), new Dictionary<string, FirestoreValue>(fields), now, now);
        if (!documents.TryAdd((collectionId, documentId), document))
        {
            throw new GoogleApiRequestException(GoogleApiErrorKind.AlreadyExists, System.Net.HttpStatusCode.Conflict, "ALREADY_EXISTS", "Document already exists");
        }

        return Task.FromResult(document);
    }

    public Task<IReadOnlyList<FirestoreDocument>> RunQueryAsync(FirestoreQuery query, CancellationToken cancellationToken)
    {
        if (query.Where is not FieldFilter { Op: FieldOperator.Equal } filter || query.OrderBy.Count != 0 || query.StartAt is not null)
        {
            throw new NotSupportedException("The in-memory Firestore answers single equality queries only.");
        }

        IReadOnlyList<FirestoreDocument> result = documents
            .Where(d => d.Key.Collection == query.CollectionId && d.Value[filter.FieldPath] == filter.Value)
            .Select(d => d.Value)
            .Take(query.Limit ?? int.MaxValue)
            .ToList();
        return Task.FromResult(result);
    }

    public Task<FirestoreDocument> PatchDocumentAsync(string collectionId, string documentId, IReadOnlyDictionary<string, FirestoreValue> fields, IReadOnlyList<string>? updateMask, FirestorePrecondition? precondition, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The frontend never patches documents.");

    public Task DeleteDocumentAsync(string collectionId, string documentId, FirestorePrecondition? precondition, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The frontend never deletes documents.");

    public Task<FirestoreCommitResult> CommitAsync(IReadOnlyList<FirestoreWrite> writes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The frontend never commits batches.");
}
