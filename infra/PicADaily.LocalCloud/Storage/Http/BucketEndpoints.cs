using System.Text.Json.Nodes;

using Microsoft.Extensions.Options;

namespace PicADaily.LocalCloud.Storage.Http;

/// <summary>The bucket calls: <c>b</c> (list, create) and <c>b/{bucket}</c> (get, delete).</summary>
public static class BucketEndpoints
{
    public static async Task BucketsAsync(HttpContext context)
    {
        var catalog = context.RequestServices.GetRequiredService<BucketCatalog>();
        var baseUri = PublicEndpoint.FromRequest(context.Request);
        switch (context.Request.Method)
        {
            case "GET":
                var items = new JsonArray([.. catalog.List().Select(b => (JsonNode)StorageJson.Bucket(b, baseUri))]);
                await StorageHttp.WriteJsonAsync(context.Response, new JsonObject { ["kind"] = "storage#buckets", ["items"] = items });
                break;
            case "POST":
                var body = await StorageHttp.ReadJsonAsync(context.Request, context.RequestAborted);
                var name = StorageHttp.String(body, "name") ?? throw GoogleErrorException.InvalidArgument("The bucket resource needs a 'name'.");
                var project = context.Request.Query["project"].ToString();
                if (project.Length == 0)
                {
                    project = context.RequestServices.GetRequiredService<IOptions<LocalCloudOptions>>().Value.ProjectId;
                }

                var created = await catalog.CreateAsync(name, project, context.RequestAborted);
                await StorageHttp.WriteJsonAsync(context.Response, StorageJson.Bucket(created, baseUri));
                break;
            default:
                throw MethodNotAllowed(context);
        }
    }

    public static async Task BucketAsync(HttpContext context, string bucket)
    {
        var catalog = context.RequestServices.GetRequiredService<BucketCatalog>();
        switch (context.Request.Method)
        {
            case "GET":
                var record = catalog.Get(bucket) ?? throw GoogleErrorException.NotFound($"The specified bucket does not exist: {bucket}.");
                await StorageHttp.WriteJsonAsync(context.Response, StorageJson.Bucket(record, PublicEndpoint.FromRequest(context.Request)));
                break;
            case "DELETE":
                await catalog.DeleteAsync(bucket, context.RequestAborted);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                throw MethodNotAllowed(context);
        }
    }

    public static GoogleErrorException MethodNotAllowed(HttpContext context) =>
        new(405, "UNIMPLEMENTED", $"LocalCloud's Storage API does not support {context.Request.Method} {context.Request.Path}.", "methodNotAllowed");
}
