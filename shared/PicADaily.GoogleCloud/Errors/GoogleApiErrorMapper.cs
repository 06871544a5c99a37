using System.Net;
using System.Text.Json;

namespace PicADaily.GoogleCloud.Errors;

/// <summary>Turns Google's error responses (<c>{"error":{"code","message","status"}}</c>) into exceptions.</summary>
public static class GoogleApiErrorMapper
{
    /// <summary>Builds the exception for a non-success response.</summary>
    public static GoogleApiRequestException FromResponse(HttpStatusCode statusCode, string? body, string operation)
    {
        var (status, message) = ParseErrorBody(body);
        var kind = Classify(statusCode, status);
        var detail = message ?? (string.IsNullOrWhiteSpace(body) ? "no error body" : Truncate(body));
        var text = $"{operation} failed: HTTP {(int)statusCode}{(status is null ? "" : " " + status)}: {detail}";
        return new GoogleApiRequestException(kind, statusCode, status, text);
    }

    /// <summary>The kind for an HTTP status and Google's status string (the string wins when known).</summary>
    public static GoogleApiErrorKind Classify(HttpStatusCode statusCode, string? status) =>
        ClassifyStatus(status) ?? (int)statusCode switch
        {
            400 => GoogleApiErrorKind.InvalidArgument,
            401 => GoogleApiErrorKind.Unauthenticated,
            403 => GoogleApiErrorKind.PermissionDenied,
            404 => GoogleApiErrorKind.NotFound,
            408 => GoogleApiErrorKind.Transient,
            // Without a status string a 409 is most often a create that met an existing resource.
            409 => GoogleApiErrorKind.AlreadyExists,
            412 => GoogleApiErrorKind.PreconditionFailed,
            429 or 500 or 502 or 503 or 504 => GoogleApiErrorKind.Transient,
            _ => GoogleApiErrorKind.Other,
        };

    /// <summary>The kind for a numeric gRPC code (as in Vision's per-image <c>error.code</c>).</summary>
    public static GoogleApiErrorKind ClassifyGrpcCode(int code) => code switch
    {
        3 or 11 => GoogleApiErrorKind.InvalidArgument,
        5 => GoogleApiErrorKind.NotFound,
        6 => GoogleApiErrorKind.AlreadyExists,
        7 => GoogleApiErrorKind.PermissionDenied,
        9 => GoogleApiErrorKind.PreconditionFailed,
        10 => GoogleApiErrorKind.Aborted,
        16 => GoogleApiErrorKind.Unauthenticated,
        2 or 4 or 8 or 13 or 14 => GoogleApiErrorKind.Transient,
        _ => GoogleApiErrorKind.Other,
    };

    private static GoogleApiErrorKind? ClassifyStatus(string? status) => status switch
    {
        "NOT_FOUND" => GoogleApiErrorKind.NotFound,
        "ALREADY_EXISTS" => GoogleApiErrorKind.AlreadyExists,
        "FAILED_PRECONDITION" => GoogleApiErrorKind.PreconditionFailed,
        "ABORTED" => GoogleApiErrorKind.Aborted,
        "INVALID_ARGUMENT" or "OUT_OF_RANGE" => GoogleApiErrorKind.InvalidArgument,
        "PERMISSION_DENIED" => GoogleApiErrorKind.PermissionDenied,
        "UNAUTHENTICATED" => GoogleApiErrorKind.Unauthenticated,
        "RESOURCE_EXHAUSTED" or "UNAVAILABLE" or "DEADLINE_EXCEEDED" or "INTERNAL" or "UNKNOWN" => GoogleApiErrorKind.Transient,
        "UNIMPLEMENTED" => GoogleApiErrorKind.Other,
        _ => null,
    };

    // Streaming methods (Firestore runQuery) report errors as [{"error":{...}}]; plain ones as {"error":{...}}.
    private static (string? Status, string? Message) ParseErrorBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                root = root[0];
            }
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }
            var status = error.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (status, message);
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the raw body goes into the message instead.
            return (null, null);
        }
    }

    private static string Truncate(string body) => body.Length <= 500 ? body : body[..500] + "…";
}
