using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Firestore.Http;

/// <summary>Get, create, patch and delete of one document.</summary>
public sealed class DocumentHandlers(FirestoreStore store)
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public IResult Get(HttpRequest request, string name)
    {
        var path = DocumentPath.ParseName(name);
        var mask = request.Query.ContainsKey("mask.fieldPaths") ? WriteParser.ParsePaths(request.Query["mask.fieldPaths"]) : null;
        var document = store.Get(path) ?? throw GoogleErrorException.NotFound($"Document \"{path.Name}\" not found.");
        return Results.Json(document.ToJson(mask));
    }

    /// <param name="collection">Full collection path; the id comes from <c>?documentId=</c> or is generated.</param>
    public async Task<IResult> Create(HttpRequest request, string collection, CancellationToken cancellationToken)
    {
        var body = await RequestReading.JsonBody(request, cancellationToken);
        var id = request.Query["documentId"].FirstOrDefault() is { Length: > 0 } given ? given : RandomNumberGenerator.GetString(IdAlphabet, 20);
        if (!DocumentPath.IsValidId(id))
        {
            throw GoogleErrorException.InvalidArgument($"Invalid document id \"{id}\".");
        }

        var write = new DocumentWrite(
            new DocumentPath(collection, id), false, ValueNormalizer.NormalizeFields(body["fields"], "document.fields"), null, [], new Precondition(false, null));
        var outcome = store.Write(tx => WriteApplier.Apply(tx, write));
        return Results.Json(outcome.Document!.ToJson(MaskOf(request)));
    }

    /// <summary>No updateMask: replace or create. With one: listed paths set from the body, or deleted when the body lacks them.</summary>
    public async Task<IResult> Patch(HttpRequest request, string name, CancellationToken cancellationToken)
    {
        var body = await RequestReading.JsonBody(request, cancellationToken);
        var mask = request.Query.ContainsKey("updateMask.fieldPaths") ? WriteParser.ParsePaths(request.Query["updateMask.fieldPaths"]) : null;
        var write = new DocumentWrite(
            DocumentPath.ParseName(name), false, ValueNormalizer.NormalizeFields(body["fields"], "document.fields"), mask, [], Precondition(request));
        var outcome = store.Write(tx => WriteApplier.Apply(tx, write));
        return Results.Json(outcome.Document!.ToJson(MaskOf(request)));
    }

    public IResult Delete(HttpRequest request, string name)
    {
        var write = new DocumentWrite(DocumentPath.ParseName(name), true, null, null, [], Precondition(request));
        store.Write(tx => WriteApplier.Apply(tx, write));
        return Results.Json(new JsonObject());
    }

    private static Precondition? Precondition(HttpRequest request)
    {
        bool? exists = request.Query["currentDocument.exists"].FirstOrDefault() switch
        {
            null => null,
            "true" => true,
            "false" => false,
            var other => throw GoogleErrorException.InvalidArgument($"currentDocument.exists must be true or false, not \"{other}\"."),
        };
        return WriteParser.ParsePrecondition(exists, request.Query["currentDocument.updateTime"].FirstOrDefault());
    }

    private static List<FieldPath>? MaskOf(HttpRequest request) =>
        request.Query.ContainsKey("mask.fieldPaths") ? WriteParser.ParsePaths(request.Query["mask.fieldPaths"]) : null;
}
