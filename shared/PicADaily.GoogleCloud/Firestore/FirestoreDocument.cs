using System.Text.Json.Serialization;

namespace PicADaily.GoogleCloud.Firestore;

/// <summary>
/// A Firestore document. <see cref="CreateTime"/> and <see cref="UpdateTime"/> are output only;
/// pass <see cref="UpdateTime"/> back in a precondition for optimistic concurrency.
/// </summary>
[JsonConverter(typeof(FirestoreDocumentJsonConverter))]
public sealed record FirestoreDocument(
    string Name,
    IReadOnlyDictionary<string, FirestoreValue> Fields,
    DateTimeOffset? CreateTime = null,
    DateTimeOffset? UpdateTime = null)
{
    /// <summary>The document id: the last segment of <see cref="Name"/>.</summary>
    public string Id => Name[(Name.LastIndexOf('/') + 1)..];

    /// <summary>The field, or null when the document lacks it.</summary>
    public FirestoreValue? this[string field] => Fields.TryGetValue(field, out var value) ? value : null;

    /// <inheritdoc />
    public bool Equals(FirestoreDocument? other) =>
        other is not null && Name == other.Name && CreateTime == other.CreateTime && UpdateTime == other.UpdateTime
        && FirestoreFields.AreEqual(Fields, other.Fields);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, CreateTime, UpdateTime);
}
