namespace PicADaily.Imaging;

/// <summary>Why a picture was refused; stable names suitable for a recorded failure reason.</summary>
public enum ImageRejectionReason
{
    Empty,
    TooLarge,
    UnsupportedFormat,
    Corrupt,
    TooManyPixels,
    Timeout,
}
