using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Storage.Http;

/// <summary>The <c>b/{bucket}/o/{object}</c> calls: metadata get, download (<c>alt=media</c>), delete, PATCH and PUT.</summary>
public static class ObjectEndpoints
{
    public static async Task ObjectAsync(HttpContext context, string bucket, string name)
    {
        var store = context.RequestServices.GetRequiredService<ObjectStore>();
        var paths = context.RequestServices.GetRequiredService<StoragePaths>();
        paths.ObjectFile(bucket, name);
        var query = context.Request.Query;
        var generation = Preconditions.Long(query, "generation");
        var preconditions = Preconditions.FromQuery(query);
        var baseUri = PublicEndpoint.FromRequest(context.Request);
        switch (context.Request.Method)
        {
            case "GET":
                var live = RequireLive(store, bucket, name, generation);
                preconditions.Check(live);
                if (query["alt"] == "media")
                {
                    await MediaDownload.SendAsync(context, paths.ObjectFile(bucket, name), live);
                }
                else
                {
                    await StorageHttp.WriteJsonAsync(context.Response, StorageJson.Object(live, baseUri));
                }

                break;
            case "DELETE":
                await store.DeleteAsync(bucket, name, generation, preconditions, context.RequestAborted);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            case "PATCH":
                var patch = await StorageHttp.ReadJsonAsync(context.Request, context.RequestAborted);
                var patched = await store.UpdateMetadataAsync(bucket, name, generation, preconditions, live => ObjectWriteJson.Patch(live, patch), context.RequestAborted);
                await StorageHttp.WriteJsonAsync(context.Response, StorageJson.Object(patched, baseUri));
                break;
            case "PUT":
                var replacement = await StorageHttp.ReadJsonAsync(context.Request, context.RequestAborted);
                var replaced = await store.UpdateMetadataAsync(bucket, name, generation, preconditions, live => ObjectWriteJson.Replace(live, replacement), context.RequestAborted);
                await StorageHttp.WriteJsonAsync(context.Response, StorageJson.Object(replaced, baseUri));
                break;
            default:
                throw BucketEndpoints.MethodNotAllowed(context);
        }
    }

    private static StoredObject RequireLive(ObjectStore store, string bucket, string name, long? generation)
    {
        var live = store.Get(bucket, name);
        if (live is null || (generation is { } g && g != live.Generation))
        {
            throw GoogleErrorException.NotFound($"No such object: {bucket}/{name}.");
        }

        return live;
    }

    /// <summary>POST <c>b/{sb}/o/{so}/rewriteTo/b/{db}/o/{do}</c> (CopyObject) or <c>copyTo</c>: copies in one step.</summary>
    public static async Task CopyAsync(HttpContext context, string sourceBucket, string sourceName, string verb, string targetBucket, string targetName)
    {
        if (context.Request.Method != "POST")
        {
            throw BucketEndpoints.MethodNotAllowed(context);
        }

        var store = context.RequestServices.GetRequiredService<ObjectStore>();
        var paths = context.RequestServices.GetRequiredService<StoragePaths>();
        var query = context.Request.Query;
        var source = RequireLive(store, sourceBucket, sourceName, Preconditions.Long(query, "sourceGeneration"));
        new Preconditions(Preconditions.Long(query, "ifSourceGenerationMatch"), Preconditions.Long(query, "ifSourceGenerationNotMatch"),
            Preconditions.Long(query, "ifSourceMetagenerationMatch"), Preconditions.Long(query, "ifSourceMetagenerationNotMatch")).Check(source);
        var overrides = await StorageHttp.ReadJsonAsync(context.Request, context.RequestAborted);
        paths.ObjectFile(targetBucket, targetName);

        var temp = paths.NewTempFile();
        try
        {
            await using (var input = ObjectReader.OpenFile(paths.ObjectFile(sourceBucket, sourceName)))
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await input.CopyToAsync(output, context.RequestAborted);
            }

            var hashes = await ContentHashes.ComputeAsync(temp, context.RequestAborted);
            var inherited = new ObjectWrite(source.ContentType, source.Metadata, source.Headers);
            var write = overrides.Count == 0 ? inherited : MergeOverrides(inherited, overrides);
            var created = await store.CommitAsync(targetBucket, targetName, temp, hashes, write, Preconditions.FromQuery(query), context.RequestAborted);
            var resource = StorageJson.Object(created, PublicEndpoint.FromRequest(context.Request));
            var size = StorageJson.Number(created.Size);
            await StorageHttp.WriteJsonAsync(context.Response, verb == "copyTo" ? resource : new JsonObject
            {
                ["kind"] = "storage#rewriteResponse",
                ["totalBytesRewritten"] = size,
                ["objectSize"] = size,
                ["done"] = true,
                ["resource"] = resource,
            });
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static ObjectWrite MergeOverrides(ObjectWrite inherited, JsonObject overrides)
    {
        var given = ObjectWriteJson.Read(overrides, null);
        var headers = new Dictionary<string, string>(inherited.Headers, StringComparer.Ordinal);
        foreach (var (key, value) in given.Headers)
        {
            headers[key] = value;
        }

        return new ObjectWrite(given.ContentType ?? inherited.ContentType, overrides.ContainsKey("metadata") ? given.Metadata : inherited.Metadata, headers);
    }
}
