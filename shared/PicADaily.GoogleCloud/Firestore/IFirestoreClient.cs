namespace PicADaily.GoogleCloud.Firestore;

/// <summary>
/// Documents of the <c>(default)</c> database of the configured project. Failures throw
/// <see cref="Errors.GoogleApiRequestException"/>; its <c>Kind</c> tells a lost precondition
/// (PreconditionFailed / AlreadyExists / NotFound) from a transient failure.
/// </summary>
public interface IFirestoreClient
{
    /// <summary>The full document name <c>projects/{p}/databases/(default)/documents/{collection}/{id}</c> (for reference values).</summary>
    string DocumentName(string collectionId, string documentId);

    /// <summary>The document, or null when it does not exist.</summary>
    Task<FirestoreDocument?> GetDocumentAsync(string collectionId, string documentId, CancellationToken cancellationToken);

    /// <summary>Creates the document; AlreadyExists when it exists.</summary>
    Task<FirestoreDocument> CreateDocumentAsync(string collectionId, string documentId, IReadOnlyDictionary<string, FirestoreValue> fields, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="fields"/>. Without <paramref name="updateMask"/> the document is replaced
    /// (created if missing); with it only the listed paths change, and a listed path missing from
    /// <paramref name="fields"/> is deleted.
    /// </summary>
    Task<FirestoreDocument> PatchDocumentAsync(string collectionId, string documentId, IReadOnlyDictionary<string, FirestoreValue> fields,
        IReadOnlyList<string>? updateMask, FirestorePrecondition? precondition, CancellationToken cancellationToken);

    /// <summary>Deletes the document (deleting a missing one without a precondition succeeds).</summary>
    Task DeleteDocumentAsync(string collectionId, string documentId, FirestorePrecondition? precondition, CancellationToken cancellationToken);

    /// <summary>Runs a structured query; returns the matching documents in order.</summary>
    Task<IReadOnlyList<FirestoreDocument>> RunQueryAsync(FirestoreQuery query, CancellationToken cancellationToken);

    /// <summary>Applies the writes atomically, in order.</summary>
    Task<FirestoreCommitResult> CommitAsync(IReadOnlyList<FirestoreWrite> writes, CancellationToken cancellationToken);
}
