namespace PicADaily.LocalCloud.Storage;

/// <summary>A failure that the Storage JSON API reports to the caller with its HTTP status and Google error reason.</summary>
public sealed class StorageException(int statusCode, string reason, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>The <c>errors[0].reason</c> of Google's error body, e.g. <c>notFound</c>, <c>conditionNotMet</c>.</summary>
    public string Reason { get; } = reason;

    public static StorageException BadRequest(string message) => new(400, "invalid", message);

    public static StorageException NotFound(string message) => new(404, "notFound", message);

    public static StorageException Conflict(string message) => new(409, "conflict", message);

    public static StorageException PreconditionFailed(string message) => new(412, "conditionNotMet", message);
}
