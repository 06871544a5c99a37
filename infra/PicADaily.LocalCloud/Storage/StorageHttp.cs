using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http.Features;
using PicADaily.LocalCloud.Hosting;

namespace PicADaily.LocalCloud.Storage;

/// <summary>HTTP plumbing shared by the storage endpoints: raw-path segments, gzip JSON bodies, Google-shaped errors.</summary>
public static class StorageHttp
{
    private const int MaxJsonBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The path after <paramref name="prefix"/>, split on '/' in the raw request target and then
    /// percent-decoded per segment, so an encoded '/' (%2F) stays inside an object name.
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

    public static async Task<JsonObject> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        Stream body = request.Body;
        if (request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            body = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        try
        {
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxJsonBytes)
                {
                    throw new GoogleErrorException(413, "INVALID_ARGUMENT", $"JSON request bodies are limited to {MaxJsonBytes} bytes.", "requestTooLarge");
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw GoogleErrorException.InvalidArgument($"The request body says Content-Encoding: gzip but is not valid gzip: {ex.Message}");
        }

        if (buffer.Length == 0)
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(buffer.ToArray()) as JsonObject ?? throw GoogleErrorException.InvalidArgument("The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw GoogleErrorException.InvalidArgument($"The request body is not valid JSON: {ex.Message}");
        }
    }

    public static string? String(JsonObject json, string key) =>
        json[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A JSON map of strings; non-string values are kept in their JSON text, null values dropped.</summary>
    public static Dictionary<string, string> StringMap(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject json)
        {
            foreach (var (key, value) in json)
            {
                if (value is not null)
                {
                    map[key] = value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString();
                }
            }
        }

        return map;
    }

    public static async Task WriteJsonAsync(HttpResponse response, JsonNode json, int statusCode = 200)
    {
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=UTF-8";
        await response.WriteAsync(json.ToJsonString(), response.HttpContext.RequestAborted);
    }

    /// <summary>Runs a handler, turning <see cref="GoogleErrorException"/> into Google's JSON error body.</summary>
    public static async Task GuardAsync(HttpContext context, Func<Task> handler)
    {
        try
        {
            await handler();
        }
        catch (GoogleErrorException ex) when (!context.Response.HasStarted)
        {
            await WriteJsonAsync(context.Response, StorageJson.Error(ex.HttpStatus, ex.Reason, ex.Message), ex.HttpStatus);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && !context.Response.HasStarted)
        {
            // A file-system failure is worth a retry (the client retries 500 on idempotent calls) and a readable reason.
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageHttp))
                .LogError(ex, "Storage request {Method} {Path} failed on the file system", context.Request.Method, context.Request.Path);
            await WriteJsonAsync(context.Response, StorageJson.Error(500, "backendError", $"LocalCloud could not access its files: {ex.Message}"), 500);
        }
    }
}
