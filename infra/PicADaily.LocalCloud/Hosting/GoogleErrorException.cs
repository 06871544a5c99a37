namespace PicADaily.LocalCloud.Hosting;

/// <summary>
/// A request a Google API refuses, for every API LocalCloud serves: the HTTP code, the canonical
/// status name (<c>NOT_FOUND</c>) and, for Cloud Storage's error body, its <c>errors[0].reason</c>.
/// Each API's router turns it into that API's body (<see cref="ToResult"/>, Storage's own shape,
/// or a Vision <c>responses[i].error</c>).
/// </summary>
public sealed class GoogleErrorException(int httpStatus, string status, string message, string? reason = null) : Exception(message)
{
    public int HttpStatus { get; } = httpStatus;

    /// <summary>Canonical status name, e.g. <c>NOT_FOUND</c>.</summary>
    public string Status { get; } = status;

    /// <summary>Cloud Storage's <c>errors[0].reason</c>, e.g. <c>notFound</c>, <c>conditionNotMet</c>.</summary>
    public string Reason { get; } = reason ?? status;

    /// <summary>The numeric gRPC code, as Vision's per-image <c>error</c> carries it.</summary>
    public int GrpcCode => Status switch
    {
        "INVALID_ARGUMENT" => 3,
        "NOT_FOUND" => 5,
        "ALREADY_EXISTS" => 6,
        "FAILED_PRECONDITION" => 9,
        "UNIMPLEMENTED" => 12,
        _ => 2,
    };

    public static GoogleErrorException InvalidArgument(string message) => new(400, "INVALID_ARGUMENT", message, "invalid");

    public static GoogleErrorException NotFound(string message) => new(404, "NOT_FOUND", message, "notFound");

    public static GoogleErrorException AlreadyExists(string message) => new(409, "ALREADY_EXISTS", message, "conflict");

    // Google maps FAILED_PRECONDITION to HTTP 400, not 412 ...
    public static GoogleErrorException FailedPrecondition(string message) => new(400, "FAILED_PRECONDITION", message);

    // ... except Cloud Storage, whose unmet ifGenerationMatch is 412 conditionNotMet.
    public static GoogleErrorException PreconditionFailed(string message) => new(412, "FAILED_PRECONDITION", message, "conditionNotMet");

    public static GoogleErrorException Unimplemented(string message) => new(501, "UNIMPLEMENTED", message);

    /// <summary>Google's REST error body, <c>{"error":{"code":404,"message":"...","status":"NOT_FOUND"}}</c>.</summary>
    public IResult ToResult() => Results.Json(new { error = new { code = HttpStatus, message = Message, status = Status } }, statusCode: HttpStatus);
}
