using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Firestore.Writes;

/// <summary>One write of a commit, patch, create or delete: an update (whole or masked) or a delete, with an optional precondition and server transforms.</summary>
public sealed record DocumentWrite(
    DocumentPath Path,
    bool IsDelete,
    JsonObject? Fields,
    IReadOnlyList<FieldPath>? UpdateMask,
    IReadOnlyList<FieldPath> RequestTimeTransforms,
    Precondition? Precondition);

/// <summary><c>currentDocument</c>: the document must (not) exist, or have exactly this update time.</summary>
public sealed record Precondition(bool? Exists, long? UpdateTime);

/// <summary>The outcome of one write: the new update time (none for a delete) and the transform results in order.</summary>
public sealed record WriteOutcome(long? UpdateTime, IReadOnlyList<JsonObject> TransformResults, StoredDocument? Document);
