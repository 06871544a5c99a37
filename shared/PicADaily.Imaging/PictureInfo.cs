namespace PicADaily.Imaging;

/// <summary>What a picture is, read from its header without decoding pixels (dimensions as stored, before EXIF orientation).</summary>
public sealed record PictureInfo(PictureFormat Format, int Width, int Height, string ContentType);
