namespace PicADaily.GoogleCloud.Firestore;

/// <summary>Helpers for a document's field map.</summary>
public static class FirestoreFields
{
    /// <summary>True when both maps hold the same keys with equal values.</summary>
    public static bool AreEqual(IReadOnlyDictionary<string, FirestoreValue> left, IReadOnlyDictionary<string, FirestoreValue> right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }
        if (left.Count != right.Count)
        {
            return false;
        }
        foreach (var (key, value) in left)
        {
            if (!right.TryGetValue(key, out var other) || !Equals(value, other))
            {
                return false;
            }
        }
        return true;
    }
}
