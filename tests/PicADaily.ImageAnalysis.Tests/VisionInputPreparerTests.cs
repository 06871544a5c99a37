using PicADaily.ImageAnalysis.Analysis;
using PicADaily.Imaging;
using PicADaily.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.ImageAnalysis.Tests;

/// <summary>What Vision is sent: a large picture shrunk to fit 1,024 pixels and upright, a small one as uploaded.</summary>
public sealed class VisionInputPreparerTests
{
    private readonly VisionInputPreparer preparer = new(new SafeImageLoader(ImageLimits.Default));

    [Fact]
    public async Task A_large_rotated_photo_is_sent_upright_and_no_larger_than_vision_needs()
    {
        // Stored 2000×1200 with EXIF orientation 6: upright it is 1200×2000, its red block top-right.
        var upload = RotatedJpegWithRedCorner(2000, 1200, block: 400);

        var input = await preparer.PrepareAsync(upload, CancellationToken.None);

        using var sent = Image.Load<Rgb24>(input.Content);
        Assert.Equal((614, 1024), (sent.Width, sent.Height));
        Assert.True(IsRed(sent[sent.Width - 20, 20]), $"top-right is {sent[sent.Width - 20, 20]}, not the red block");
        Assert.False(IsRed(sent[20, 20]), "top-left is red: the picture was not turned upright");
    }

    [Fact]
    public async Task A_small_picture_is_sent_as_uploaded()
    {
        var upload = TestImages.SolidJpeg(640, 480, new Rgba32(255, 0, 0));

        var input = await preparer.PrepareAsync(upload, CancellationToken.None);

        Assert.Equal(upload, input.Content);
    }

    /// <summary>A JPEG with a red block in its stored top-left corner and EXIF orientation 6 ("rotate 90° clockwise to display").</summary>
    private static byte[] RotatedJpegWithRedCorner(int width, int height, int block)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(0, 0, 255));
        for (var y = 0; y < block; y++)
        {
            for (var x = 0; x < block; x++)
            {
                image[x, y] = new Rgb24(255, 0, 0);
            }
        }

        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Orientation, (ushort)6);
        image.Metadata.ExifProfile = exif;
        using var encoded = new MemoryStream();
        image.Save(encoded, new JpegEncoder { Quality = 95 });
        return encoded.ToArray();
    }

    private static bool IsRed(Rgb24 pixel) => pixel.R > 200 && pixel.G < 60 && pixel.B < 60;
}
