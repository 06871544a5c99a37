using System.Net;

namespace PicADaily.LocalCloud.Firestore;

/// <summary>A request Firestore would refuse, carrying the gRPC status name and HTTP code of Google's error shape.</summary>
public sealed class FirestoreException(HttpStatusCode httpStatus, string status, string message) : Exception(message)
{
    public HttpStatusCode HttpStatus { get; } = httpStatus;

    /// <summary>gRPC status name, e.g. <c>NOT_FOUND</c>.</summary>
    public string Status { get; } = status;

    /// <summary>The numeric gRPC code, as batchWrite's per-write <c>status</c> carries it.</summary>
    public int GrpcCode => Status switch
    {
        "INVALID_ARGUMENT" => 3,
        "NOT_FOUND" => 5,
        "ALREADY_EXISTS" => 6,
        "FAILED_PRECONDITION" => 9,
        "UNIMPLEMENTED" => 12,
        _ => 2,
    };

    public static FirestoreException InvalidArgument(string message) => new(HttpStatusCode.BadRequest, "INVALID_ARGUMENT", message);

    public static FirestoreException NotFound(string message) => new(HttpStatusCode.NotFound, "NOT_FOUND", message);

    public static FirestoreException AlreadyExists(string message) => new(HttpStatusCode.Conflict, "ALREADY_EXISTS", message);

    // Google maps FAILED_PRECONDITION to HTTP 400, not 412.
    public static FirestoreException FailedPrecondition(string message) => new(HttpStatusCode.BadRequest, "FAILED_PRECONDITION", message);

    public static FirestoreException Unimplemented(string message) => new(HttpStatusCode.NotImplemented, "UNIMPLEMENTED", message);
}
