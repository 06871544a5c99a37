namespace PicADaily.LocalCloud.Firestore.Http;

/// <summary>
/// Routes <c>/v1/projects/{p}/databases/{d}/documents...</c> (see <see cref="RawPathRouter"/>) to the document, listDocuments, query and commit handlers.
/// Any bearer token (Firestore emulator's <c>Bearer owner</c>) or none is accepted.
/// </summary>
public static class FirestoreRouter
{
    public static async Task<IResult> RouteAsync(HttpContext context, IReadOnlyList<string> path)
    {
        var services = context.RequestServices;
        var (documents, lists, queries, commits) = (services.GetRequiredService<DocumentHandlers>(), services.GetRequiredService<ListDocumentsHandler>(),
            services.GetRequiredService<QueryHandler>(), services.GetRequiredService<CommitHandler>());
        try
        {
            var segments = path.ToArray();
            // v1 projects {p} databases {d} documents[:verb] ...
            var root = DocumentPath.Root(segments[2], segments[4]);
            var rest = segments[6..];
            var (verb, parent, resource) = Split(segments[5], rest, root);
            var method = context.Request.Method;
            var ct = context.RequestAborted;
            return (method, verb, rest.Length % 2) switch
            {
                ("POST", "runQuery", _) => await queries.RunQuery(context.Request, parent, ct),
                ("POST", "commit", _) when parent == root => await commits.Commit(context.Request, root, ct),
                (_, not null, _) => throw GoogleErrorException.Unimplemented($"LocalCloud does not serve :{verb} here."),
                ("POST", null, 1) => await documents.Create(context.Request, resource, ct),
                ("GET", null, 0) when rest.Length > 0 => documents.Get(context.Request, resource),
                ("PATCH", null, 0) when rest.Length > 0 => await documents.Patch(context.Request, resource, ct),
                ("DELETE", null, 0) when rest.Length > 0 => documents.Delete(context.Request, resource),
                ("GET", null, 1) => lists.List(context.Request, resource),
                _ => throw GoogleErrorException.InvalidArgument($"{method} is not valid on {string.Join('/', segments)}."),
            };
        }
        catch (Exception error) when (error is IndexOutOfRangeException or ArgumentException or InvalidOperationException or FormatException)
        {
            // Wrong JSON types (e.g. a number where a string belongs) surface here from System.Text.Json.Nodes.
            throw GoogleErrorException.InvalidArgument($"Invalid request: {error.Message}");
        }
    }

    // "documents:runQuery", or ".../documents/users/u1:runQuery" for a subcollection under a document.
    private static (string? Verb, string Parent, string Resource) Split(string documentsSegment, string[] rest, string root)
    {
        var colon = documentsSegment.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            return (documentsSegment[(colon + 1)..], root, root);
        }

        if (rest.Length > 0 && rest.Length % 2 == 0 && rest[^1].LastIndexOf(':') is var last and > 0
            && rest[^1][(last + 1)..] is "runQuery" or "commit" or "listDocuments" or "beginTransaction" or "rollback" or "listCollectionIds")
        {
            var parentSegments = rest[..^1].Append(rest[^1][..last]);
            return (rest[^1][(last + 1)..], root + "/" + string.Join('/', parentSegments), root);
        }

        return (null, root, root + "/" + string.Join('/', rest));
    }
}
