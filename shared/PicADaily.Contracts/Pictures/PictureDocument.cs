namespace PicADaily.Contracts.Pictures;

/// <summary>
/// The picture document in Firestore collection <see cref="Collection"/>, id
/// <see cref="PictureDocumentId.FromObjectName"/>. Field names are the original app's
/// (labels, color, created, thumbnail) plus what convergence under reordering needs.
/// </summary>
public sealed record PictureDocument
{
    public const string Collection = "pictures";

    /// <summary>The object name in the pictures bucket.</summary>
    public required string Name { get; init; }

    /// <summary>The generation this document describes; older events never overwrite a newer generation.</summary>
    public required long Generation { get; init; }

    /// <summary>Labels, highest score first.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Dominant colour as lower-case <c>#rrggbb</c>, null until analysed.</summary>
    public string? Color { get; init; }

    /// <summary>When the picture was uploaded (the object's creation time).</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>True once analysis of <see cref="Generation"/> found the picture safe.</summary>
    public bool Safe { get; init; }

    /// <summary>True once analysis of <see cref="Generation"/> ran (safe or not).</summary>
    public bool Analyzed { get; init; }

    /// <summary>Why the picture was found unsafe, if it was.</summary>
    public string? RejectionReason { get; init; }

    /// <summary>True when the thumbnail of <see cref="Generation"/> exists.</summary>
    public bool Thumbnail { get; init; }

    /// <summary>
    /// W3C traceparent of the analysis of <see cref="Generation"/>, a span of the picture's own trace
    /// (see <c>Storage.PictureTrace</c>): later work that reads the document, the collage, joins that trace.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>The services that gave up on <see cref="Generation"/> and reported why (each reports once).</summary>
    public IReadOnlyList<string> FailedBy { get; init; } = [];

    /// <summary>
    /// Analysed as safe and thumbnailed, both for <see cref="Generation"/>: what the gallery and the
    /// collage show. Stored (not derived at read time) so that it can be queried and indexed.
    /// </summary>
    public bool Visible => Safe && Analyzed && Thumbnail;
}

/// <summary>Firestore field names of <see cref="PictureDocument"/>.</summary>
public static class PictureFields
{
    public const string Name = "name";
    public const string Generation = "generation";
    public const string Labels = "labels";
    public const string Color = "color";
    public const string Created = "created";
    public const string Safe = "safe";
    public const string Analyzed = "analyzed";
    public const string RejectionReason = "rejectionReason";
    public const string Thumbnail = "thumbnail";
    public const string TraceParent = "traceParent";
    public const string FailedBy = "failedBy";
    public const string Visible = "visible";
}
