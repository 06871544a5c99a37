using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.Imaging.Tests;

public sealed class PictureEncoderTests
{
    [Theory]
    [InlineData(PictureFormat.Jpeg)]
    [InlineData(PictureFormat.Png)]
    [InlineData(PictureFormat.WebP)]
    [InlineData(PictureFormat.Gif)]
    public void Encode_writes_the_requested_format_with_no_metadata_left(PictureFormat format)
    {
        using var image = new Image<Rgba32>(20, 10, CraftedPictures.Marker);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.Artist, "someone");
        image.Metadata.ExifProfile = exif;
        image.Metadata.GetPngMetadata().TextData.Add(new SixLabors.ImageSharp.Formats.Png.PngTextData("Comment", "secret", string.Empty, string.Empty));
        image.Metadata.GetGifMetadata().Comments.Add("secret");

        var encoded = PictureEncoder.Encode(image, format);

        Assert.Equal(format, SafeImageLoader.DetectFormat(encoded.Content));
        Assert.Equal(format.ContentType(), encoded.ContentType);
        var written = Image.Identify(encoded.Content);
        Assert.Null(written.Metadata.ExifProfile);
        Assert.Equal(-1, encoded.Content.AsSpan().IndexOf("secret"u8));
        Assert.Equal(-1, encoded.Content.AsSpan().IndexOf("someone"u8));
    }

    [Fact]
    public async Task SaveAsync_writes_to_the_stream_without_exif()
    {
        using var image = Image.Load<Rgba32>(CraftedPictures.RotatedJpegWithGps());
        using var destination = new MemoryStream();

        await PictureEncoder.SaveAsync(image, destination, PictureFormat.Jpeg, CancellationToken.None);

        var written = destination.ToArray();
        Assert.Equal(PictureFormat.Jpeg, SafeImageLoader.DetectFormat(written));
        Assert.Null(Image.Identify(written).Metadata.ExifProfile);
        Assert.Equal(-1, written.AsSpan().IndexOf("Exif\0\0"u8));
    }
}
