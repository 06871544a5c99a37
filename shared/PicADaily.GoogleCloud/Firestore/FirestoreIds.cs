namespace PicADaily.GoogleCloud.Firestore;

/// <summary>Firestore's rules for collection and document ids, checked before a request is sent.</summary>
internal static class FirestoreIds
{
    public static string Check(string id, string what)
    {
        // Firestore rejects these; a '/' would silently address another document.
        if (string.IsNullOrEmpty(id) || id.Contains('/', StringComparison.Ordinal) || id is "." or ".."
            || (id.Length >= 4 && id.StartsWith("__", StringComparison.Ordinal) && id.EndsWith("__", StringComparison.Ordinal)))
        {
            throw new ArgumentException($"'{id}' is not a valid Firestore {what} id (empty, '/', '.', '..' and __x__ are not allowed).", what);
        }
        return id;
    }
}
