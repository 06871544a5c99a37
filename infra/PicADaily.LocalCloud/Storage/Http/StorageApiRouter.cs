namespace PicADaily.LocalCloud.Storage.Http;

/// <summary>
/// The Storage routes on the raw path (see <see cref="RawPathRouter"/>): each bucket and object name
/// is exactly one percent-encoded segment (names contain '/', sent as %2F).
/// </summary>
public static class StorageApiRouter
{
    /// <summary>
    /// The JSON API at <c>/storage/v1/</c> and, for a bare <c>STORAGE_EMULATOR_HOST=host:port</c>,
    /// at the root (<c>/b/...</c>); uploads at <c>/upload/storage/v1/</c>; media links at <c>/download/storage/v1/</c>.
    /// </summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRawPath("/storage/v1/{**path}", "/storage/v1/", JsonApiAsync, StorageHttp.Error);
        endpoints.MapRawPath("/download/storage/v1/{**path}", "/download/storage/v1/", JsonApiAsync, StorageHttp.Error);
        endpoints.MapRawPath("/b", "/", JsonApiAsync, StorageHttp.Error);
        endpoints.MapRawPath("/b/{**path}", "/", JsonApiAsync, StorageHttp.Error);
        endpoints.MapRawPath("/upload/storage/v1/{**path}", "/upload/storage/v1/", UploadAsync, StorageHttp.Error);
    }

    private static Task<IResult> JsonApiAsync(HttpContext context, IReadOnlyList<string> s) => StorageHttp.RunAsync(context, () => s switch
    {
        ["b"] => BucketEndpoints.BucketsAsync(context),
        ["b", var bucket] => BucketEndpoints.BucketAsync(context, bucket),
        ["b", var bucket, "o"] => ObjectListing.ListAsync(context, bucket),
        ["b", var bucket, "o", var name] => ObjectEndpoints.ObjectAsync(context, bucket, name),
        ["b", var sb, "o", var so, "rewriteTo" or "copyTo", "b", var db, "o", var dobj] => ObjectEndpoints.CopyAsync(context, sb, so, s[4], db, dobj),
        ["b", var bucket, "notificationConfigs"] => NotificationEndpoints.ConfigsAsync(context, bucket),
        ["b", var bucket, "notificationConfigs", var id] => NotificationEndpoints.ConfigAsync(context, bucket, id),
        _ => throw GoogleErrorException.NotFound($"LocalCloud's Storage API has no resource at {context.Request.Path}."),
    });

    private static Task<IResult> UploadAsync(HttpContext context, IReadOnlyList<string> s) => StorageHttp.RunAsync(context, () => s switch
    {
        ["b", var bucket, "o"] => UploadEndpoints.UploadAsync(context, bucket),
        _ => throw GoogleErrorException.NotFound($"LocalCloud's Storage upload API has no resource at {context.Request.Path}."),
    });
}
