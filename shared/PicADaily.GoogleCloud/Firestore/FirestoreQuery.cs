namespace PicADaily.GoogleCloud.Firestore;

/// <summary>A structured query over one collection (a subset of <c>StructuredQuery</c>).</summary>
/// <param name="CollectionId">The collection to read, e.g. <c>pictures</c>.</param>
public sealed record FirestoreQuery(string CollectionId)
{
    /// <summary>The filter, or null for all documents.</summary>
    public FirestoreFilter? Where { get; init; }

    /// <summary>Sort order; add <c>__name__</c> last for stable paging.</summary>
    public IReadOnlyList<FirestoreOrder> OrderBy { get; init; } = [];

    /// <summary>Cursor where results begin (<see cref="FirestoreCursor.StartAfter"/> for the next page).</summary>
    public FirestoreCursor? StartAt { get; init; }

    /// <summary>Cursor where results end.</summary>
    public FirestoreCursor? EndAt { get; init; }

    /// <summary>Maximum number of results.</summary>
    public int? Limit { get; init; }
}

/// <summary>A sort key.</summary>
public sealed record FirestoreOrder(string FieldPath, FirestoreDirection Direction = FirestoreDirection.Ascending)
{
    /// <summary>The field path of the document name, for tie-breaking and cursors.</summary>
    public const string DocumentNameField = "__name__";
}

/// <summary>Sort direction.</summary>
public enum FirestoreDirection
{
    /// <summary>ASCENDING.</summary>
    Ascending,
    /// <summary>DESCENDING.</summary>
    Descending,
}

/// <summary>
/// A position in the <c>orderBy</c> sequence: values for a prefix of the order fields (a
/// <see cref="ReferenceValue"/> for <c>__name__</c>).
/// </summary>
/// <param name="Values">The cursor values.</param>
/// <param name="Before">True: the position is just before these values (results include them).</param>
public sealed record FirestoreCursor(IReadOnlyList<FirestoreValue> Values, bool Before)
{
    /// <summary>Results start at these values, inclusive.</summary>
    public static FirestoreCursor StartAtValues(params FirestoreValue[] values) => new(values, Before: true);

    /// <summary>Results start just after these values (the next page after the last document seen).</summary>
    public static FirestoreCursor StartAfter(params FirestoreValue[] values) => new(values, Before: false);
}
