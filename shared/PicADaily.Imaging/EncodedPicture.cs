namespace PicADaily.Imaging;

/// <summary>An encoded picture ready to store or serve.</summary>
public sealed record EncodedPicture(byte[] Content, PictureFormat Format)
{
    public string ContentType => Format.ContentType();
}
