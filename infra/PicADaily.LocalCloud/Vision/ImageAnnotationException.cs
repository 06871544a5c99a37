namespace PicADaily.LocalCloud.Vision;

/// <summary>An image LocalCloud will not analyse; becomes <c>responses[i].error</c> with this gRPC code and message.</summary>
public sealed class ImageAnnotationException(string message, int code = 3) : Exception(message)
{
    /// <summary>gRPC code: 3 INVALID_ARGUMENT unless said otherwise.</summary>
    public int Code { get; } = code;

    public static ImageAnnotationException BadImageData(string reason) => new($"Bad image data: {reason}.");
}
