using System.Text;
using System.Text.Json;

using PicADaily.GoogleCloud.Auth;
using PicADaily.GoogleCloud.Errors;
using PicADaily.GoogleCloud.Http;

namespace PicADaily.GoogleCloud.Firestore;

/// <summary>
/// Firestore REST v1 (<c>https://firestore.googleapis.com/v1/</c>, or
/// <c>http://{FIRESTORE_EMULATOR_HOST}/v1/</c> with <c>Authorization: Bearer owner</c>).
/// </summary>
public sealed class FirestoreClient : IFirestoreClient
{
    /// <summary>What the Firestore emulator takes as admin access (security rules bypassed).</summary>
    public const string EmulatorAuthorization = "Bearer owner";

    private readonly GoogleApiTransport _transport;
    private readonly string _databasePath;
    private readonly string _documentsName;

    /// <summary>Creates the client; <paramref name="http"/> should carry the resilience handler (see DI).</summary>
    public FirestoreClient(HttpClient http, GoogleCloudOptions options, IGoogleAccessTokenSource tokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        var project = options.RequireProjectId();
        _documentsName = $"projects/{project}/databases/(default)/documents";
        // "(default)" stays literal: parentheses are legal in a path and this is how Google spells it.
        _databasePath = $"v1/projects/{GoogleJson.Segment(project)}/databases/(default)/documents";
        _transport = new GoogleApiTransport(http,
            GoogleApiEndpoint.Resolve(options.FirestoreEmulatorHost, options.FirestoreEndpoint, EmulatorAuthorization), tokens, options);
    }

    /// <inheritdoc />
    public string DocumentName(string collectionId, string documentId) =>
        $"{_documentsName}/{FirestoreIds.Check(collectionId, "collection")}/{FirestoreIds.Check(documentId, "document")}";

    /// <inheritdoc />
    public async Task<FirestoreDocument?> GetDocumentAsync(string collectionId, string documentId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _transport.SendAsync(HttpMethod.Get, DocumentPath(collectionId, documentId), null,
                RetryMode.OnTransientFailure, $"Get document {collectionId}/{documentId}", cancellationToken).ConfigureAwait(false);
            return ReadDocument(response, "Get document");
        }
        catch (GoogleApiRequestException e) when (e.Kind == GoogleApiErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<FirestoreDocument> CreateDocumentAsync(string collectionId, string documentId, IReadOnlyDictionary<string, FirestoreValue> fields, CancellationToken cancellationToken)
    {
        var uri = $"{_databasePath}/{GoogleJson.Segment(FirestoreIds.Check(collectionId, "collection"))}?documentId={Uri.EscapeDataString(FirestoreIds.Check(documentId, "document"))}";
        // Not retried: if a lost response hid a success, the retry would report AlreadyExists for our own write.
        var response = await _transport.SendAsync(HttpMethod.Post, uri, FirestoreRequestJson.Fields(fields),
            RetryMode.Never, $"Create document {collectionId}/{documentId}", cancellationToken).ConfigureAwait(false);
        return ReadDocument(response, "Create document");
    }

    /// <inheritdoc />
    public async Task<FirestoreDocument> PatchDocumentAsync(string collectionId, string documentId, IReadOnlyDictionary<string, FirestoreValue> fields,
        IReadOnlyList<string>? updateMask, FirestorePrecondition? precondition, CancellationToken cancellationToken)
    {
        if (precondition?.UpdateTime is not null)
        {
            // Google's Firestore emulator ignores currentDocument.updateTime as a query parameter (it
            // compares with version 0 and always fails); inside a commit both it and Firestore honour it.
            await CommitAsync([FirestoreWrite.Update(collectionId, documentId, fields, updateMask, precondition)], cancellationToken).ConfigureAwait(false);
            return await GetDocumentAsync(collectionId, documentId, cancellationToken).ConfigureAwait(false)
                ?? throw new GoogleApiRequestException(GoogleApiErrorKind.NotFound, null, null, $"Document {collectionId}/{documentId} was deleted right after the patch", null);
        }

        var query = new StringBuilder();
        foreach (var path in updateMask ?? [])
        {
            AppendQuery(query, "updateMask.fieldPaths", path);
        }
        AppendPrecondition(query, precondition);
        // A guarded patch is sent once (a retry could fail its own guard); an unguarded one sets
        // the same values again, so repeating it is harmless.
        var retry = precondition is null ? RetryMode.OnTransientFailure : RetryMode.Never;
        var response = await _transport.SendAsync(HttpMethod.Patch, DocumentPath(collectionId, documentId) + query, FirestoreRequestJson.Fields(fields),
            retry, $"Patch document {collectionId}/{documentId}", cancellationToken).ConfigureAwait(false);
        return ReadDocument(response, "Patch document");
    }

    /// <inheritdoc />
    public async Task DeleteDocumentAsync(string collectionId, string documentId, FirestorePrecondition? precondition, CancellationToken cancellationToken)
    {
        if (precondition?.UpdateTime is not null)
        {
            // As for a patch: the emulator honours this guard only inside a commit.
            await CommitAsync([FirestoreWrite.Delete(collectionId, documentId, precondition)], cancellationToken).ConfigureAwait(false);
            return;
        }

        var query = new StringBuilder();
        AppendPrecondition(query, precondition);
        // Deleting twice is the same as deleting once, unless a guard is involved.
        var retry = precondition is null ? RetryMode.OnTransientFailure : RetryMode.Never;
        await _transport.SendAsync(HttpMethod.Delete, DocumentPath(collectionId, documentId) + query, null,
            retry, $"Delete document {collectionId}/{documentId}", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FirestoreDocument>> RunQueryAsync(FirestoreQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        FirestoreIds.Check(query.CollectionId, "collection");
        var response = await _transport.SendAsync(HttpMethod.Post, $"{_databasePath}:runQuery", FirestoreRequestJson.RunQuery(query),
            RetryMode.OnTransientFailure, $"Query {query.CollectionId}", cancellationToken).ConfigureAwait(false);
        if (response.ValueKind != JsonValueKind.Array)
        {
            throw Unexpected("Query", "expected a JSON array");
        }
        var documents = new List<FirestoreDocument>();
        foreach (var element in response.EnumerateArray())
        {
            if (element.TryGetProperty("error", out _))
            {
                throw GoogleApiErrorMapper.FromResponse(System.Net.HttpStatusCode.OK, $"[{element.GetRawText()}]", $"Query {query.CollectionId}");
            }
            // Progress-only elements ({"readTime":…}, {"done":true}) carry no document.
            if (element.TryGetProperty("document", out var document))
            {
                documents.Add(ReadDocument(document, "Query"));
            }
        }
        return documents;
    }

    /// <inheritdoc />
    public async Task<FirestoreCommitResult> CommitAsync(IReadOnlyList<FirestoreWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        // Never retried: a commit whose response was lost may have been applied, and its writes
        // usually carry preconditions (callers re-read and decide).
        var response = await _transport.SendAsync(HttpMethod.Post, $"{_databasePath}:commit", FirestoreRequestJson.Commit(writes, DocumentName),
            RetryMode.Never, $"Commit of {writes.Count} writes", cancellationToken).ConfigureAwait(false);
        try
        {
            var results = new List<FirestoreWriteResult>();
            if (response.TryGetProperty("writeResults", out var writeResults))
            {
                foreach (var result in writeResults.EnumerateArray())
                {
                    var transforms = result.TryGetProperty("transformResults", out var t)
                        ? t.EnumerateArray().Select(FirestoreValueJsonConverter.Decode).ToArray()
                        : [];
                    results.Add(new FirestoreWriteResult(ReadTime(result, "updateTime"), transforms));
                }
            }
            return new FirestoreCommitResult(ReadTime(response, "commitTime"), results);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Unexpected("Commit", e.Message, e);
        }
    }

    private string DocumentPath(string collectionId, string documentId) =>
        $"{_databasePath}/{GoogleJson.Segment(FirestoreIds.Check(collectionId, "collection"))}/{GoogleJson.Segment(FirestoreIds.Check(documentId, "document"))}";

    private static void AppendPrecondition(StringBuilder query, FirestorePrecondition? precondition)
    {
        if (precondition?.Exists is { } exists)
        {
            AppendQuery(query, "currentDocument.exists", exists ? "true" : "false");
        }
        if (precondition?.UpdateTime is { } updateTime)
        {
            AppendQuery(query, "currentDocument.updateTime", FirestoreTimestamps.FormatPrecise(updateTime));
        }
    }

    private static void AppendQuery(StringBuilder query, string name, string value) =>
        query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));

    private static FirestoreDocument ReadDocument(JsonElement element, string operation)
    {
        try
        {
            return FirestoreDocumentJsonConverter.Decode(element);
        }
        catch (JsonException e)
        {
            throw Unexpected(operation, e.Message, e);
        }
    }

    private static DateTimeOffset? ReadTime(JsonElement element, string member) =>
        element.TryGetProperty(member, out var t) && t.ValueKind == JsonValueKind.String ? FirestoreTimestamps.Parse(t.GetString()!) : null;

    private static GoogleApiRequestException Unexpected(string operation, string detail, Exception? inner = null) =>
        new(GoogleApiErrorKind.Other, null, null, $"{operation} returned an unexpected body: {detail}", inner);
}
