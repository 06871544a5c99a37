namespace PicADaily.LocalCloud.Firestore.Model;

/// <summary>
/// A document's full name split into its parent collection (full path, e.g.
/// <c>projects/p/databases/(default)/documents/pictures</c>) and its id.
/// </summary>
public sealed record DocumentPath(string Collection, string Id)
{
    public string Name => Collection + "/" + Id;

    /// <summary>The database root, <c>projects/{p}/databases/{d}/documents</c>.</summary>
    public static string Root(string project, string database) => $"projects/{project}/databases/{database}/documents";

    /// <summary>Parses <c>projects/{p}/databases/{d}/documents/{coll}/{id}[/{coll}/{id}...]</c>.</summary>
    public static bool TryParseName(string name, out DocumentPath path)
    {
        path = null!;
        var segments = name.Split('/');
        if (segments.Length < 7 || segments.Length % 2 == 0 || segments[0] != "projects" || segments[2] != "databases"
            || segments[4] != "documents" || segments.Any(s => s.Length == 0) || !segments.Skip(5).All(IsValidId))
        {
            return false;
        }

        path = new DocumentPath(string.Join('/', segments[..^1]), segments[^1]);
        return true;
    }

    public static DocumentPath ParseName(string? name) =>
        name is not null && TryParseName(name, out var path)
            ? path
            : throw GoogleErrorException.InvalidArgument($"Invalid document name \"{name}\": expected projects/{{p}}/databases/{{d}}/documents/{{collection}}/{{id}}.");

    // Firestore ids: not empty, not "." or "..", no "/", not the reserved __.*__ form, at most 1,500 bytes.
    public static bool IsValidId(string id) =>
        id.Length > 0 && id != "." && id != ".." && !id.Contains('/', StringComparison.Ordinal)
        && !(id.Length > 4 && id.StartsWith("__", StringComparison.Ordinal) && id.EndsWith("__", StringComparison.Ordinal))
        && System.Text.Encoding.UTF8.GetByteCount(id) <= 1500;
}
