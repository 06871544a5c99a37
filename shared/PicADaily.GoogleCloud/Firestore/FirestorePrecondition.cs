namespace PicADaily.GoogleCloud.Firestore;

/// <summary>A write's <c>currentDocument</c> guard. A failed guard is never retried blindly.</summary>
public sealed record FirestorePrecondition
{
    private FirestorePrecondition(bool? exists, DateTimeOffset? updateTime)
    {
        Exists = exists;
        UpdateTime = updateTime;
    }

    /// <summary>The document must exist (else NotFound).</summary>
    public static FirestorePrecondition MustExist { get; } = new(true, null);

    /// <summary>The document must not exist (else AlreadyExists).</summary>
    public static FirestorePrecondition MustNotExist { get; } = new(false, null);

    /// <summary>The document must still have this update time (else PreconditionFailed).</summary>
    public static FirestorePrecondition LastUpdatedAt(DateTimeOffset updateTime) => new(null, updateTime);

    /// <summary><c>currentDocument.exists</c>, when set.</summary>
    public bool? Exists { get; }

    /// <summary><c>currentDocument.updateTime</c>, when set.</summary>
    public DateTimeOffset? UpdateTime { get; }
}
