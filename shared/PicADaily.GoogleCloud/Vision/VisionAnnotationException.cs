using PicADaily.GoogleCloud.Errors;

namespace PicADaily.GoogleCloud.Vision;

/// <summary>
/// Vision answered HTTP 200 but reported an error for the image itself (<c>responses[i].error</c>),
/// e.g. code 3 "Bad image data." — usually permanent for that image.
/// </summary>
public sealed class VisionAnnotationException : GoogleApiRequestException
{
    /// <summary>Creates the exception from the per-image google.rpc.Status.</summary>
    public VisionAnnotationException(int code, string message)
        : base(GoogleApiErrorMapper.ClassifyGrpcCode(code), System.Net.HttpStatusCode.OK, status: null,
            $"Vision could not annotate the image: code {code}: {message}")
    {
        Code = code;
        ErrorMessage = message;
    }

    /// <summary>The numeric gRPC code (3 = INVALID_ARGUMENT, …).</summary>
    public int Code { get; }

    /// <summary>Vision's message.</summary>
    public string ErrorMessage { get; }
}
