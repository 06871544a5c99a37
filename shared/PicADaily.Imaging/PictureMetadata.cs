using SixLabors.ImageSharp;

namespace PicADaily.Imaging;

/// <summary>Removes everything but pixels from a picture, so that no GPS position, camera serial or hidden text leaves the system.</summary>
public static class PictureMetadata
{
    public static void Strip(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var metadata = image.Metadata;
        metadata.ExifProfile = null;
        metadata.IccProfile = null;
        metadata.XmpProfile = null;
        metadata.IptcProfile = null;
        metadata.GetPngMetadata().TextData.Clear();
        metadata.GetGifMetadata().Comments.Clear();

        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.IccProfile = null;
            frame.Metadata.XmpProfile = null;
            frame.Metadata.IptcProfile = null;
        }
    }
}
