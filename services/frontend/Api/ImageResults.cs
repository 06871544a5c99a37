using System.Globalization;
using Microsoft.Net.Http.Headers;
using PicADaily.Frontend.Storage;
using PicADaily.Imaging;

namespace PicADaily.Frontend.Api;

/// <summary>
/// Serves bytes from a private bucket with the content type their content proves, never the one
/// stored or implied by the name; anything that is not a picture is only offered as a download.
/// </summary>
internal static class ImageResults
{
    public static IResult Serve(HttpContext context, StoredObjectContent stored, string cacheControl)
    {
        var etag = new EntityTagHeaderValue("\"" + stored.Info.Generation.ToString(CultureInfo.InvariantCulture) + "\"");
        context.Response.Headers.CacheControl = cacheControl;
        if (SafeImageLoader.DetectFormat(stored.Content) is { } format)
        {
            return Results.File(stored.Content, format.ContentType(), entityTag: etag);
        }

        return Results.File(stored.Content, "application/octet-stream", fileDownloadName: "download", entityTag: etag);
    }
}
