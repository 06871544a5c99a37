using PicADaily.Imaging;
using PicADaily.Imaging.Tests;
using PicADaily.Thumbnail.Rendering;

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.Thumbnail.Tests;

public sealed class ThumbnailRendererTests
{
    private static readonly Rgba32 Left = new(0, 0, 255);
    private static readonly Rgba32 Centre = new(255, 0, 0);
    private static readonly Rgba32 Right = new(0, 255, 0);

    private readonly ThumbnailRenderer renderer = new(new SafeImageLoader(ImageLimits.Default));

    [Theory]
    [InlineData(PictureFormat.Jpeg, 1200, 400)]
    [InlineData(PictureFormat.Png, 1200, 400)]
    [InlineData(PictureFormat.WebP, 1200, 400)]
    [InlineData(PictureFormat.Gif, 1200, 400)]
    [InlineData(PictureFormat.Jpeg, 120, 40)]
    public async Task Thumbnail_is_400x400_in_the_source_format_cropped_around_the_centre(PictureFormat format, int width, int height)
    {
        var source = ThreeBands(format, width, height);

        var thumbnail = await renderer.RenderAsync(source, CancellationToken.None);

        Assert.Equal(format, thumbnail.Format);
        Assert.Equal(format.ContentType(), thumbnail.ContentType);
        Assert.Equal(format, SafeImageLoader.DetectFormat(thumbnail.Content));
        using var image = Image.Load<Rgba32>(thumbnail.Content);
        Assert.Equal((400, 400), (image.Width, image.Height));
        AssertClose(Centre, image[20, 200], "left edge of the thumbnail is the source's centre band");
        AssertClose(Centre, image[380, 200], "right edge of the thumbnail is the source's centre band");
    }

    [Fact]
    public async Task Thumbnail_of_an_exif_rotated_photo_is_upright()
    {
        var source = CraftedPictures.RotatedJpegWithGps(width: 600, height: 600, block: 200);

        var thumbnail = await renderer.RenderAsync(source, CancellationToken.None);

        using var image = Image.Load<Rgba32>(thumbnail.Content);
        AssertClose(CraftedPictures.Marker, image[360, 40], "the stored top-left block shows top-right");
        AssertClose(CraftedPictures.Background, image[40, 40], "top-left");
        AssertClose(CraftedPictures.Background, image[40, 360], "bottom-left");
    }

    [Fact]
    public async Task Thumbnail_carries_no_exif_and_no_gps()
    {
        var thumbnail = await renderer.RenderAsync(CraftedPictures.RotatedJpegWithGps(), CancellationToken.None);

        Assert.Null(Image.Identify(thumbnail.Content).Metadata.ExifProfile);
        Assert.Equal(-1, thumbnail.Content.AsSpan().IndexOf("Exif\0\0"u8));
    }

    [Fact]
    public async Task Thumbnail_of_a_polyglot_jpeg_drops_the_appended_html()
    {
        var source = CraftedPictures.PolyglotJpeg();
        Assert.NotEqual(-1, source.AsSpan().IndexOf("<script>"u8));

        var thumbnail = await renderer.RenderAsync(source, CancellationToken.None);

        Assert.Equal(PictureFormat.Jpeg, thumbnail.Format);
        Assert.Equal(-1, thumbnail.Content.AsSpan().IndexOf("<script>"u8));
        Assert.Equal(-1, thumbnail.Content.AsSpan().IndexOf("<html>"u8));
    }

    [Fact]
    public async Task Thumbnail_of_an_animated_gif_is_its_first_frame_as_a_single_frame_gif()
    {
        var thumbnail = await renderer.RenderAsync(CraftedPictures.AnimatedGif(2000), CancellationToken.None);

        using var image = Image.Load<Rgba32>(thumbnail.Content);
        Assert.Equal(1, image.Frames.Count);
        Assert.Equal(new Rgba32(255, 255, 255), image[200, 200]);
    }

    [Fact]
    public async Task A_source_that_is_not_an_accepted_picture_is_refused_with_its_reason()
    {
        var rejection = await Assert.ThrowsAsync<ImageRejectedException>(
            () => renderer.RenderAsync(CraftedPictures.TiffHeader(), CancellationToken.None));

        Assert.Equal(ImageRejectionReason.UnsupportedFormat, rejection.Reason);
        Assert.Equal("unsupported format: TIFF", rejection.Message);
    }

    /// <summary>Three vertical bands, blue | red | green, each a third of the width.</summary>
    private static byte[] ThreeBands(PictureFormat format, int width, int height)
    {
        using var image = new Image<Rgba32>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = (x * 3 / width) switch { 0 => Left, 1 => Centre, _ => Right };
            }
        }

        return CraftedPictures.Encode(image, format switch
        {
            PictureFormat.Jpeg => new JpegEncoder { Quality = 95 },
            PictureFormat.Png => new PngEncoder(),
            PictureFormat.WebP => new WebpEncoder { FileFormat = WebpFileFormatType.Lossless },
            _ => new GifEncoder(),
        });
    }

    private static void AssertClose(Rgba32 expected, Rgba32 actual, string where, int tolerance = 32) =>
        Assert.True(
            Math.Abs(expected.R - actual.R) <= tolerance && Math.Abs(expected.G - actual.G) <= tolerance && Math.Abs(expected.B - actual.B) <= tolerance,
            $"{where}: expected about {expected}, got {actual}");
}
