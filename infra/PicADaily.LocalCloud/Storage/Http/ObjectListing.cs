using System.Text;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.WebUtilities;

namespace PicADaily.LocalCloud.Storage.Http;

/// <summary>
/// <c>GET b/{bucket}/o</c>: objects in name order, with prefix, delimiter (rolled-up
/// <c>prefixes</c>), start/end offsets and paging. The page token is the last name or prefix
/// returned, so a page never repeats or skips an entry even if objects change in between.
/// </summary>
public static class ObjectListing
{
    private const int MaxPageSize = 1000;

    public static async Task ListAsync(HttpContext context, string bucket)
    {
        if (context.Request.Method != "GET")
        {
            throw BucketEndpoints.MethodNotAllowed(context);
        }

        var query = context.Request.Query;
        if (query["matchGlob"].ToString().Length > 0)
        {
            throw GoogleErrorException.InvalidArgument("LocalCloud does not support matchGlob; list with prefix and delimiter instead.");
        }

        var prefix = query["prefix"].ToString();
        var delimiter = query["delimiter"].ToString();
        var startOffset = query["startOffset"].ToString();
        var endOffset = query["endOffset"].ToString();
        var pageSize = (int)Math.Clamp(Preconditions.Long(query, "maxResults") ?? MaxPageSize, 1, MaxPageSize);
        var after = DecodeToken(query["pageToken"].ToString());

        var index = context.RequestServices.GetRequiredService<StorageIndex>();
        IReadOnlyList<StoredObject> candidates;
        using (var session = index.Open())
        {
            if (session.GetBucket(bucket) is null)
            {
                throw GoogleErrorException.NotFound($"The specified bucket does not exist: {bucket}.");
            }

            // Without filters applied here, one more than a page tells whether another page follows.
            var plain = delimiter.Length == 0 && startOffset.Length == 0 && endOffset.Length == 0;
            candidates = session.ListObjects(bucket, prefix, after, plain ? pageSize + 1 : -1);
        }

        var baseUri = PublicEndpoint.FromRequest(context.Request);
        var items = new JsonArray();
        var prefixes = new JsonArray();
        string? lastKey = null;
        string? nextToken = null;
        var count = 0;
        foreach (var o in candidates)
        {
            if ((startOffset.Length > 0 && string.CompareOrdinal(o.Name, startOffset) < 0)
                || (endOffset.Length > 0 && string.CompareOrdinal(o.Name, endOffset) >= 0))
            {
                continue;
            }

            var rolledUp = RolledUpPrefix(o.Name, prefix, delimiter);
            var key = rolledUp ?? o.Name;
            if (rolledUp is not null && (key == lastKey || key == after))
            {
                continue;
            }

            if (count == pageSize)
            {
                nextToken = lastKey;
                break;
            }

            if (rolledUp is null)
            {
                items.Add(StorageJson.Object(o, baseUri));
            }
            else
            {
                prefixes.Add(rolledUp);
            }

            lastKey = key;
            count++;
        }

        var result = new JsonObject { ["kind"] = "storage#objects" };
        if (items.Count > 0)
        {
            result["items"] = items;
        }

        if (prefixes.Count > 0)
        {
            result["prefixes"] = prefixes;
        }

        if (nextToken is not null)
        {
            result["nextPageToken"] = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(nextToken));
        }

        await StorageHttp.WriteJsonAsync(context.Response, result);
    }

    private static string? RolledUpPrefix(string name, string prefix, string delimiter)
    {
        if (delimiter.Length == 0)
        {
            return null;
        }

        var at = name.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
        return at < 0 ? null : name[..(at + delimiter.Length)];
    }

    private static string DecodeToken(string token)
    {
        if (token.Length == 0)
        {
            return "";
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
        }
        catch (FormatException)
        {
            throw GoogleErrorException.InvalidArgument("Invalid pageToken.");
        }
    }
}
