using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace PicADaily.LocalCloud.Storage.Http;

/// <summary>
/// <c>/upload/storage/v1/b/{bucket}/o</c>: resumable sessions (what the official client always
/// uses), plus <c>uploadType=media</c> and <c>multipart</c> for curl users. Bytes go to a temp file
/// outside the bucket folders and are moved into place only when complete and verified.
/// </summary>
public static class UploadEndpoints
{
    public static async Task UploadAsync(HttpContext context, string bucket)
    {
        // Objects may be far larger than Kestrel's default 30 MB body limit; bytes stream to disk, never to memory.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        var uploadId = context.Request.Query["upload_id"].ToString();
        if (uploadId.Length > 0)
        {
            await ResumableSessionAsync(context, uploadId);
            return;
        }

        if (context.Request.Method != "POST")
        {
            throw BucketEndpoints.MethodNotAllowed(context);
        }

        switch (context.Request.Query["uploadType"].ToString())
        {
            case "resumable":
                await StartResumableAsync(context, bucket);
                break;
            case "media":
                await MediaAsync(context, bucket);
                break;
            case "multipart":
                await MultipartAsync(context, bucket);
                break;
            default:
                throw GoogleErrorException.InvalidArgument("Query parameter 'uploadType' must be resumable, media or multipart.");
        }
    }

    private static async Task StartResumableAsync(HttpContext context, string bucket)
    {
        var services = context.RequestServices;
        var body = await StorageHttp.ReadJsonAsync(context.Request, context.RequestAborted);
        var name = ObjectNameOf(context, body);
        var preconditions = CheckedPreconditions(context, bucket, name);
        var write = ObjectWriteJson.Read(body, NullIfEmpty(context.Request.Headers["X-Upload-Content-Type"].ToString()));
        var paths = services.GetRequiredService<StoragePaths>();
        var session = new UploadSession(Guid.NewGuid().ToString("N"), bucket, name, write, preconditions, paths.NewTempFile());
        await File.WriteAllBytesAsync(session.TempFile, [], context.RequestAborted);
        services.GetRequiredService<UploadSessions>().Add(session);

        // The client follows this URL verbatim, so it must be absolute.
        var request = context.Request;
        context.Response.Headers.Location = $"{request.Scheme}://{request.Host}/upload/storage/v1/b/{Uri.EscapeDataString(bucket)}/o?uploadType=resumable&upload_id={session.Id}";
        context.Response.Headers["X-GUploader-UploadID"] = session.Id;
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task ResumableSessionAsync(HttpContext context, string uploadId)
    {
        var sessions = context.RequestServices.GetRequiredService<UploadSessions>();
        var session = sessions.Find(uploadId) ?? throw GoogleErrorException.NotFound($"No upload session '{uploadId}' (sessions do not survive a LocalCloud restart).");
        if (context.Request.Method == "DELETE")
        {
            sessions.Remove(session);
            context.Response.StatusCode = 499;
            return;
        }

        if (context.Request.Method != "PUT")
        {
            throw BucketEndpoints.MethodNotAllowed(context);
        }

        await session.Gate.WaitAsync(context.RequestAborted);
        try
        {
            await ContinueAsync(context, sessions, session);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private static async Task ContinueAsync(HttpContext context, UploadSessions sessions, UploadSession session)
    {
        if (session.Result is not null)
        {
            await StorageHttp.WriteJsonAsync(context.Response, StorageJson.Object(session.Result, PublicEndpoint.FromRequest(context.Request)));
            return;
        }

        var header = context.Request.Headers.ContentRange.ToString();
        var range = header.Length > 0
            ? ContentRange.Parse(header)
            : new ContentRange(0, (context.Request.ContentLength ?? 0) - 1, context.Request.ContentLength ?? 0);
        if (range.Total is { } declared)
        {
            session.Total = declared;
        }

        if (!range.IsStatusQuery && range.Last >= range.First)
        {
            if (range.First > session.Persisted)
            {
                // A gap: tell the client what we hold so it resends from there.
                RespondIncomplete(context, session);
                return;
            }

            if (!File.Exists(session.TempFile))
            {
                sessions.Remove(session);
                throw GoogleErrorException.NotFound($"Upload session '{session.Id}' lost its data; start the upload again.");
            }

            await using (var file = new FileStream(session.TempFile, FileMode.Open, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                file.SetLength(range.First!.Value);
                file.Seek(range.First.Value, SeekOrigin.Begin);
                await context.Request.Body.CopyToAsync(file, context.RequestAborted);
                session.Persisted = file.Length;
            }
        }

        if (session.Total is { } total && session.Persisted > total)
        {
            sessions.Remove(session);
            throw GoogleErrorException.InvalidArgument($"Received {session.Persisted} bytes but the upload declared {total}.");
        }

        if (session.Total is null || session.Persisted < session.Total)
        {
            RespondIncomplete(context, session);
            return;
        }

        await FinishAsync(context, sessions, session);
    }

    private static void RespondIncomplete(HttpContext context, UploadSession session)
    {
        context.Response.StatusCode = 308;
        context.Response.Headers["X-GUploader-UploadID"] = session.Id;
        if (session.Persisted > 0)
        {
            context.Response.Headers.Range = $"bytes=0-{session.Persisted - 1}";
        }
    }

    private static async Task FinishAsync(HttpContext context, UploadSessions sessions, UploadSession session)
    {
        var hashes = await ContentHashes.ComputeAsync(session.TempFile, context.RequestAborted);
        try
        {
            VerifyClaimedHashes(context.Request, hashes);
            var store = context.RequestServices.GetRequiredService<ObjectStore>();
            session.Result = await store.CommitAsync(session.Bucket, session.Name, session.TempFile, hashes, session.Write, session.Preconditions, context.RequestAborted);
        }
        catch (GoogleErrorException)
        {
            sessions.Remove(session);
            throw;
        }

        await StorageHttp.WriteJsonAsync(context.Response, StorageJson.Object(session.Result, PublicEndpoint.FromRequest(context.Request)));
    }

    private static async Task MediaAsync(HttpContext context, string bucket)
    {
        var name = context.Request.Query["name"].ToString();
        ObjectName.EnsureValid(name);
        var preconditions = CheckedPreconditions(context, bucket, name);
        var write = ObjectWrite.Empty with { ContentType = NullIfEmpty(context.Request.ContentType ?? "") };
        await StoreBodyAsync(context, bucket, name, context.Request.Body, write, preconditions);
    }

    private static async Task MultipartAsync(HttpContext context, string bucket)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw GoogleErrorException.InvalidArgument("A multipart upload needs Content-Type: multipart/related; boundary=...");
        }

        var reader = new MultipartReader(boundary, context.Request.Body);
        var metadataPart = await reader.ReadNextSectionAsync(context.RequestAborted)
            ?? throw GoogleErrorException.InvalidArgument("A multipart upload needs a JSON metadata part and a media part.");
        JsonObject metadata;
        try
        {
            metadata = System.Text.Json.Nodes.JsonNode.Parse(await metadataPart.ReadAsStringAsync(context.RequestAborted)) as JsonObject
                ?? throw GoogleErrorException.InvalidArgument("The first part of a multipart upload must be a JSON object.");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw GoogleErrorException.InvalidArgument($"The metadata part is not valid JSON: {ex.Message}");
        }

        var mediaPart = await reader.ReadNextSectionAsync(context.RequestAborted)
            ?? throw GoogleErrorException.InvalidArgument("A multipart upload needs a media part after the metadata.");
        var name = ObjectNameOf(context, metadata);
        var preconditions = CheckedPreconditions(context, bucket, name);
        var write = ObjectWriteJson.Read(metadata, NullIfEmpty(mediaPart.ContentType ?? ""));
        await StoreBodyAsync(context, bucket, name, mediaPart.Body, write, preconditions);
    }

    private static async Task StoreBodyAsync(HttpContext context, string bucket, string name, Stream body, ObjectWrite write, Preconditions preconditions)
    {
        var paths = context.RequestServices.GetRequiredService<StoragePaths>();
        var temp = paths.NewTempFile();
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await body.CopyToAsync(file, context.RequestAborted);
            }

            var hashes = await ContentHashes.ComputeAsync(temp, context.RequestAborted);
            VerifyClaimedHashes(context.Request, hashes);
            var created = await context.RequestServices.GetRequiredService<ObjectStore>()
                .CommitAsync(bucket, name, temp, hashes, write, preconditions, context.RequestAborted);
            await StorageHttp.WriteJsonAsync(context.Response, StorageJson.Object(created, PublicEndpoint.FromRequest(context.Request)));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    // The name is in the JSON body for resumable and multipart uploads, in the query for media ones.
    private static string ObjectNameOf(HttpContext context, JsonObject body)
    {
        var name = StorageHttp.String(body, "name") ?? context.Request.Query["name"].ToString();
        ObjectName.EnsureValid(name);
        return name;
    }

    // Checked before any byte is accepted (as Cloud Storage does), and again when the object is created.
    private static Preconditions CheckedPreconditions(HttpContext context, string bucket, string name)
    {
        var paths = context.RequestServices.GetRequiredService<StoragePaths>();
        paths.ObjectFile(bucket, name);
        if (context.RequestServices.GetRequiredService<BucketCatalog>().Get(bucket) is null)
        {
            throw GoogleErrorException.NotFound($"The specified bucket does not exist: {bucket}.");
        }

        var preconditions = Preconditions.FromQuery(context.Request.Query);
        preconditions.Check(context.RequestServices.GetRequiredService<ObjectStore>().Get(bucket, name));
        return preconditions;
    }

    // x-goog-hash: crc32c=...,md5=... (one header with a list, or several headers).
    private static void VerifyClaimedHashes(HttpRequest request, ContentHashes actual)
    {
        foreach (var part in request.Headers["x-goog-hash"].SelectMany(v => (v ?? "").Split(',')))
        {
            var separator = part.IndexOf('=', StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }

            var algorithm = part[..separator].Trim();
            var claimed = part[(separator + 1)..].Trim();
            var computed = algorithm switch
            {
                "crc32c" => actual.Crc32CBase64,
                "md5" => actual.Md5Base64,
                _ => null,
            };
            if (computed is not null && computed != claimed)
            {
                throw GoogleErrorException.InvalidArgument($"Provided {algorithm} \"{claimed}\" doesn't match calculated {algorithm} \"{computed}\".");
            }
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
