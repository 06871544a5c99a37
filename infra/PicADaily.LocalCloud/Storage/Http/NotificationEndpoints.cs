using System.Globalization;
using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Storage.Http;

/// <summary>The <c>b/{bucket}/notificationConfigs[/{id}]</c> calls; fields are snake_case as in the real API.</summary>
public static class NotificationEndpoints
{
    public static async Task ConfigsAsync(HttpContext context, string bucket)
    {
        var catalog = context.RequestServices.GetRequiredService<BucketCatalog>();
        var baseUri = PublicEndpoint.FromRequest(context.Request);
        switch (context.Request.Method)
        {
            case "GET":
                var items = new JsonArray([.. catalog.ListNotifications(bucket).Select(n => (JsonNode)StorageJson.Notification(n, baseUri))]);
                await StorageHttp.WriteJsonAsync(context.Response, new JsonObject { ["kind"] = "storage#notifications", ["items"] = items });
                break;
            case "POST":
                var body = await StorageHttp.ReadJsonAsync(context.Request, context.RequestAborted);
                var topic = StorageHttp.String(body, "topic") ?? throw GoogleErrorException.InvalidArgument("A notification config needs a 'topic'.");
                var eventTypes = body["event_types"] is JsonArray array
                    ? array.Select(e => e?.GetValue<string>() ?? throw GoogleErrorException.InvalidArgument("event_types must hold strings.")).ToList()
                    : [];
                var created = await catalog.CreateNotificationAsync(bucket, topic, StorageHttp.String(body, "payload_format") ?? "JSON_API_V1",
                    eventTypes, StorageHttp.String(body, "object_name_prefix"), StorageHttp.StringMap(body["custom_attributes"]), context.RequestAborted);
                await StorageHttp.WriteJsonAsync(context.Response, StorageJson.Notification(created, baseUri));
                break;
            default:
                throw BucketEndpoints.MethodNotAllowed(context);
        }
    }

    public static async Task ConfigAsync(HttpContext context, string bucket, string idText)
    {
        var catalog = context.RequestServices.GetRequiredService<BucketCatalog>();
        if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw GoogleErrorException.NotFound($"Notification config '{idText}' not found in bucket {bucket}.");
        }

        switch (context.Request.Method)
        {
            case "GET":
                await StorageHttp.WriteJsonAsync(context.Response, StorageJson.Notification(catalog.GetNotification(bucket, id), PublicEndpoint.FromRequest(context.Request)));
                break;
            case "DELETE":
                await catalog.DeleteNotificationAsync(bucket, id, context.RequestAborted);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                throw BucketEndpoints.MethodNotAllowed(context);
        }
    }
}
