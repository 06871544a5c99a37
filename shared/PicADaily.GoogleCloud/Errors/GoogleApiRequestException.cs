using System.Net;

namespace PicADaily.GoogleCloud.Errors;

/// <summary>A Google API call failed; <see cref="Kind"/> says what that means.</summary>
public class GoogleApiRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GoogleApiRequestException(GoogleApiErrorKind kind, HttpStatusCode? statusCode, string? status, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        Status = status;
    }

    /// <summary>The classification callers branch on.</summary>
    public GoogleApiErrorKind Kind { get; }

    /// <summary>The HTTP status, or null when no response arrived (timeout, connection failure).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Google's status string, e.g. <c>NOT_FOUND</c>, when the error body had one.</summary>
    public string? Status { get; }

    /// <summary>True for failures worth retrying later (the caller may return 5xx to get a redelivery).</summary>
    public bool IsTransient => Kind == GoogleApiErrorKind.Transient;
}
