namespace PicADaily.LocalCloud.Firestore.State;

/// <summary>One index entry a document must hold: field path, kind (value or array element) and order key.</summary>
public sealed record IndexEntry(string Path, int Kind, byte[] Key);

/// <summary>
/// What to walk: the collection's documents ordered by <see cref="OrderPath"/> (null = by id),
/// restricted to those holding every entry of <see cref="Required"/>. With a <see cref="Driver"/>,
/// the walk starts from that entry's (few) documents and sorts them; without, it follows the order
/// index and checks the required entries per document.
/// </summary>
public sealed record WalkPlan(
    string Collection,
    string? OrderPath,
    bool Descending,
    byte[]? FromValue,
    string? FromId,
    IndexEntry? Driver,
    IReadOnlyList<IndexEntry> Required);
