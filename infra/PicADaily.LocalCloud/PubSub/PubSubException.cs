namespace PicADaily.LocalCloud.PubSub;

/// <summary>A request Pub/Sub refuses, carrying the HTTP code and gRPC status name of Google's error body.</summary>
public sealed class PubSubException(int httpStatus, string status, string message) : Exception(message)
{
    public int HttpStatus { get; } = httpStatus;

    public string Status { get; } = status;

    public static PubSubException NotFound(string resource) => new(404, "NOT_FOUND", $"Resource not found (resource={resource}).");

    public static PubSubException AlreadyExists(string what) => new(409, "ALREADY_EXISTS", $"{what} already exists.");

    public static PubSubException InvalidArgument(string message) => new(400, "INVALID_ARGUMENT", message);
}
