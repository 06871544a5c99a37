using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Storage.Http;

/// <summary>HTTP plumbing shared by the storage endpoints: gzip JSON bodies, JSON answers, Cloud Storage\'s error body.</summary>
public static class StorageHttp
{
    private const int MaxJsonBytes = 4 * 1024 * 1024;

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

    /// <summary>Runs a handler that writes its own answer; a file-system failure becomes a 500 backendError.</summary>
    public static async Task<IResult> RunAsync(HttpContext context, Func<Task> handler)
    {
        try
        {
            await handler();
            return Results.Empty;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file-system failure is worth a retry (the client retries 500 on idempotent calls) and a readable reason.
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageHttp))
                .LogError(ex, "Storage request {Method} {Path} failed on the file system", context.Request.Method, context.Request.Path);
            throw new GoogleErrorException(500, "INTERNAL", $"LocalCloud could not access its files: {ex.Message}", "backendError");
        }
    }

    /// <summary>Cloud Storage's error body, which names a <c>reason</c> besides the code and message.</summary>
    public static IResult Error(GoogleErrorException error) =>
        Results.Text(StorageJson.Error(error.HttpStatus, error.Reason, error.Message).ToJsonString(), "application/json; charset=UTF-8", statusCode: error.HttpStatus);
}
