namespace PicADaily.Imaging;

/// <summary>
/// A picture that will never be processed, whatever the number of retries: the message is a clear
/// human reason (e.g. "unsupported format: TIFF") fit to record as the failure.
/// </summary>
public sealed class ImageRejectedException : Exception
{
    public ImageRejectedException(ImageRejectionReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public ImageRejectionReason Reason { get; }
}
