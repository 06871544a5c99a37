namespace PicADaily.GoogleCloud.Firestore;

/// <summary>One write of an atomic <c>commit</c>.</summary>
public abstract record FirestoreWrite
{
    private protected FirestoreWrite(string collectionId, string documentId, FirestorePrecondition? precondition)
    {
        CollectionId = collectionId;
        DocumentId = documentId;
        Precondition = precondition;
    }

    /// <summary>The document's collection.</summary>
    public string CollectionId { get; }

    /// <summary>The document id.</summary>
    public string DocumentId { get; }

    /// <summary>The guard, if any.</summary>
    public FirestorePrecondition? Precondition { get; }

    /// <summary>
    /// Sets <paramref name="fields"/>; with <paramref name="updateMask"/> only those paths change (a
    /// listed path missing from <paramref name="fields"/> is deleted); <paramref name="setToRequestTime"/>
    /// fields get the server's commit time.
    /// </summary>
    public static FirestoreWrite Update(
        string collectionId,
        string documentId,
        IReadOnlyDictionary<string, FirestoreValue> fields,
        IReadOnlyList<string>? updateMask = null,
        FirestorePrecondition? precondition = null,
        IReadOnlyList<string>? setToRequestTime = null) =>
        new UpdateWrite(collectionId, documentId, fields, updateMask, precondition, setToRequestTime ?? []);

    /// <summary>Deletes the document.</summary>
    public static FirestoreWrite Delete(string collectionId, string documentId, FirestorePrecondition? precondition = null) =>
        new DeleteWrite(collectionId, documentId, precondition);
}

/// <summary>An <c>update</c> write (see <see cref="FirestoreWrite.Update"/>).</summary>
public sealed record UpdateWrite : FirestoreWrite
{
    internal UpdateWrite(string collectionId, string documentId, IReadOnlyDictionary<string, FirestoreValue> fields,
        IReadOnlyList<string>? updateMask, FirestorePrecondition? precondition, IReadOnlyList<string> setToRequestTime)
        : base(collectionId, documentId, precondition)
    {
        Fields = fields;
        UpdateMask = updateMask;
        SetToRequestTime = setToRequestTime;
    }

    /// <summary>The fields written.</summary>
    public IReadOnlyDictionary<string, FirestoreValue> Fields { get; }

    /// <summary>The paths changed, or null to replace the whole document.</summary>
    public IReadOnlyList<string>? UpdateMask { get; }

    /// <summary>Field paths set to the commit time (<c>REQUEST_TIME</c> transform).</summary>
    public IReadOnlyList<string> SetToRequestTime { get; }
}

/// <summary>A <c>delete</c> write.</summary>
public sealed record DeleteWrite : FirestoreWrite
{
    internal DeleteWrite(string collectionId, string documentId, FirestorePrecondition? precondition)
        : base(collectionId, documentId, precondition)
    {
    }
}

/// <summary>The outcome of a commit.</summary>
/// <param name="CommitTime">When the writes were applied.</param>
/// <param name="WriteResults">One per write, in order.</param>
public sealed record FirestoreCommitResult(DateTimeOffset? CommitTime, IReadOnlyList<FirestoreWriteResult> WriteResults);

/// <summary>One write's outcome: its update time (absent for a delete of nothing) and transform results.</summary>
public sealed record FirestoreWriteResult(DateTimeOffset? UpdateTime, IReadOnlyList<FirestoreValue> TransformResults);
