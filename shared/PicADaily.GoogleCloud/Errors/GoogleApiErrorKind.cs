namespace PicADaily.GoogleCloud.Errors;

/// <summary>What a failed Google API call means for the caller.</summary>
public enum GoogleApiErrorKind
{
    /// <summary>Anything not classified below (e.g. UNIMPLEMENTED).</summary>
    Other,
    /// <summary>NOT_FOUND (404).</summary>
    NotFound,
    /// <summary>ALREADY_EXISTS (409).</summary>
    AlreadyExists,
    /// <summary>FAILED_PRECONDITION (400) or HTTP 412: a guarded write lost its guard.</summary>
    PreconditionFailed,
    /// <summary>ABORTED (409): a concurrency conflict; the whole read-modify-write may be retried.</summary>
    Aborted,
    /// <summary>INVALID_ARGUMENT / OUT_OF_RANGE (400): the request itself is wrong.</summary>
    InvalidArgument,
    /// <summary>PERMISSION_DENIED (403).</summary>
    PermissionDenied,
    /// <summary>UNAUTHENTICATED (401).</summary>
    Unauthenticated,
    /// <summary>429, 500, 502, 503, 504, timeouts and connection failures: worth retrying later.</summary>
    Transient,
}
