using System.Text.Json;

using Microsoft.AspNetCore.Http.Features;

namespace PicADaily.LocalCloud.Hosting;

/// <summary>
/// How every LocalCloud API routes: one catch-all endpoint per API whose handler switches on the
/// method and the raw path's segments, each percent-decoded on its own (bucket, object and document
/// names may hold an encoded '/', which routing templates would decode into two segments). A
/// <see cref="GoogleErrorException"/> or malformed JSON becomes the API's error body.
/// </summary>
public static class RawPathRouter
{
    /// <param name="pattern">The route template that catches the API's requests.</param>
    /// <param name="prefix">What is cut off the raw path before it is split into segments.</param>
    /// <param name="route">Answers a request from its segments.</param>
    /// <param name="error">The API's error body; Google's <c>{"error":{…}}</c> unless given.</param>
    public static void MapRawPath(this IEndpointRouteBuilder endpoints, string pattern, string prefix,
        Func<HttpContext, IReadOnlyList<string>, Task<IResult>> route, Func<GoogleErrorException, IResult>? error = null)
    {
        var render = error ?? (e => e.ToResult());
        endpoints.Map(pattern, async context =>
        {
            IResult result;
            try
            {
                result = await route(context, Segments(context, prefix));
            }
            catch (GoogleErrorException e) when (!context.Response.HasStarted)
            {
                result = render(e);
            }
            catch (JsonException e) when (!context.Response.HasStarted)
            {
                result = render(GoogleErrorException.InvalidArgument($"Invalid JSON payload received. {e.Message}"));
            }

            await result.ExecuteAsync(context);
        });
    }

    /// <summary>
    /// The path after <paramref name="prefix"/>, split on '/' in the raw request target and then
    /// percent-decoded per segment, so an encoded '/' (%2F) stays inside its name.
    /// </summary>
    public static IReadOnlyList<string> Segments(HttpContext context, string prefix)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var path = query >= 0 ? raw[..query] : raw;
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw GoogleErrorException.InvalidArgument($"Unsupported request path '{path}'.");
        }

        var rest = path[prefix.Length..].Trim('/');
        return rest.Length == 0 ? [] : rest.Split('/').Select(Uri.UnescapeDataString).ToList();
    }

    /// <summary>Google's custom-method URLs put the verb after a colon: <c>…/topics/t1:publish</c>.</summary>
    public static (string Resource, string? Method) SplitMethod(string segment)
    {
        var colon = segment.LastIndexOf(':');
        return colon <= 0 ? (segment, null) : (segment[..colon], segment[(colon + 1)..]);
    }
}
