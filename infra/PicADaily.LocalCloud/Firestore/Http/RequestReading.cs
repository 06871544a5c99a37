using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http.Features;
using PicADaily.LocalCloud.Hosting;

namespace PicADaily.LocalCloud.Firestore.Http;

/// <summary>Reads what the Firestore REST handlers need from a request: decoded path segments and a JSON body.</summary>
public static class RequestReading
{
    /// <summary>
    /// The path segments, each URL-decoded on its own, so an id may hold any character
    /// (even an encoded <c>/</c> stays inside its segment).
    /// </summary>
    public static string[] Segments(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            raw = raw[..query];
        }

        return [.. raw.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString)];
    }

    public static async Task<JsonObject> JsonBody(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return node as JsonObject ?? (node is null ? [] : throw GoogleErrorException.InvalidArgument("Invalid JSON payload received: the body must be an object."));
        }
        catch (JsonException error)
        {
            throw GoogleErrorException.InvalidArgument($"Invalid JSON payload received. {error.Message}");
        }
    }
}
