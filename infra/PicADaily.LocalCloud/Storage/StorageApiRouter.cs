using PicADaily.LocalCloud.Hosting;

namespace PicADaily.LocalCloud.Storage;

/// <summary>
/// Dispatches on the raw request path, where each bucket and object name is exactly one
/// percent-encoded segment (names contain '/', sent as %2F): routing templates would decode them.
/// </summary>
public static class StorageApiRouter
{
    public static Task JsonApiAsync(HttpContext context, string prefix) => StorageHttp.GuardAsync(context, () =>
    {
        var s = StorageHttp.Segments(context, prefix);
        return s switch
        {
            ["b"] => BucketEndpoints.BucketsAsync(context),
            ["b", var bucket] => BucketEndpoints.BucketAsync(context, bucket),
            ["b", var bucket, "o"] => ObjectListing.ListAsync(context, bucket),
            ["b", var bucket, "o", var name] => ObjectEndpoints.ObjectAsync(context, bucket, name),
            ["b", var sb, "o", var so, "rewriteTo" or "copyTo", "b", var db, "o", var dobj] => ObjectEndpoints.CopyAsync(context, sb, so, s[4], db, dobj),
            ["b", var bucket, "notificationConfigs"] => NotificationEndpoints.ConfigsAsync(context, bucket),
            ["b", var bucket, "notificationConfigs", var id] => NotificationEndpoints.ConfigAsync(context, bucket, id),
            _ => throw GoogleErrorException.NotFound($"LocalCloud's Storage API has no resource at {context.Request.Path}."),
        };
    });

    public static Task UploadAsync(HttpContext context) => StorageHttp.GuardAsync(context, () =>
        StorageHttp.Segments(context, "/upload/storage/v1/") switch
        {
            ["b", var bucket, "o"] => UploadEndpoints.UploadAsync(context, bucket),
            _ => throw GoogleErrorException.NotFound($"LocalCloud's Storage upload API has no resource at {context.Request.Path}."),
        });
}
