using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace PicADaily.Imaging.Tests;

public sealed class SafeImageLoaderAcceptanceTests
{
    private readonly SafeImageLoader loader = new(ImageLimits.Default);

    public static TheoryData<PictureFormat, string> Formats => new()
    {
        { PictureFormat.Jpeg, "image/jpeg" },
        { PictureFormat.Png, "image/png" },
        { PictureFormat.WebP, "image/webp" },
        { PictureFormat.Gif, "image/gif" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Identify_reports_format_dimensions_and_content_type_from_the_content(PictureFormat format, string contentType)
    {
        var content = Sample(format, 30, 20);

        var info = loader.Identify(content);

        Assert.Equal(new PictureInfo(format, 30, 20, contentType), info);
        Assert.Equal(format, SafeImageLoader.DetectFormat(content));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Every_accepted_format_loads_with_its_pixels(PictureFormat format, string contentType)
    {
        using var image = await loader.LoadAsync(Sample(format, 30, 20), CancellationToken.None);

        Assert.Equal((30, 20), (image.Width, image.Height));
        AssertClose(CraftedPictures.Marker, image[15, 10], $"{contentType} centre pixel");
    }

    [Fact]
    public async Task An_exif_rotated_jpeg_loads_upright_without_exif_or_gps()
    {
        var content = CraftedPictures.RotatedJpegWithGps();
        Assert.NotNull(Image.Identify(content).Metadata.ExifProfile);

        using var image = await loader.LoadAsync(content, CancellationToken.None);

        Assert.Equal((40, 80), (image.Width, image.Height));
        AssertClose(CraftedPictures.Marker, image[image.Width - 4, 4], "stored top-left shows top-right");
        AssertClose(CraftedPictures.Background, image[4, 4], "top-left is background once upright");
        Assert.Null(image.Metadata.ExifProfile);
        Assert.Null(image.Frames.RootFrame.Metadata.ExifProfile);
    }

    [Fact]
    public async Task A_resize_requested_for_the_upright_picture_is_upright_for_an_exif_rotated_jpeg()
    {
        var upright = new ResizeOptions { Size = new Size(20, 40), Mode = ResizeMode.Crop };

        using var image = await loader.LoadAsync<Rgb24>(CraftedPictures.RotatedJpegWithGps(), upright, CancellationToken.None);

        Assert.Equal((20, 40), (image.Width, image.Height));
        AssertClose(CraftedPictures.Marker, ToRgba(image[image.Width - 2, 2]), "stored top-left shows top-right");
        AssertClose(CraftedPictures.Background, ToRgba(image[2, 2]), "top-left is background once upright");
        Assert.Null(image.Metadata.ExifProfile);
    }

    [Fact]
    public async Task A_resize_anchored_off_centre_is_refused_because_it_would_not_survive_the_rotation()
    {
        var offCentre = new ResizeOptions { Size = new Size(20, 40), Mode = ResizeMode.Crop, Position = AnchorPositionMode.TopLeft };

        await Assert.ThrowsAsync<ArgumentException>(
            () => loader.LoadAsync<Rgb24>(CraftedPictures.RotatedJpegWithGps(), offCentre, CancellationToken.None));
    }

    [Fact]
    public async Task An_animated_gif_of_2000_frames_loads_only_its_first_frame()
    {
        var content = CraftedPictures.AnimatedGif(2000);
        Assert.Equal(2000, Image.Load<Rgba32>(content).Frames.Count);

        // Within the time limit: the loader's CPU watchdog would have rejected it as a timeout otherwise.
        using var image = await loader.LoadAsync(content, CancellationToken.None);

        Assert.Equal(1, image.Frames.Count);
        Assert.Equal(new Rgba32(255, 255, 255), image[0, 0]);
    }

    [Fact]
    public async Task A_polyglot_jpeg_with_appended_html_loads_as_the_picture_it_starts_with()
    {
        using var image = await loader.LoadAsync(CraftedPictures.PolyglotJpeg(), CancellationToken.None);

        Assert.Equal((64, 64), (image.Width, image.Height));
        AssertClose(CraftedPictures.Background, image[32, 32], "centre pixel");
    }

    [Fact]
    public async Task A_png_with_an_8_MB_text_chunk_loads_without_keeping_the_text()
    {
        var text = new byte[8 * 1024 * 1024];
        "Comment"u8.CopyTo(text);
        text.AsSpan(8).Fill((byte)'x');

        using var image = await loader.LoadAsync(CraftedPictures.PngWithTextChunk("tEXt", text), CancellationToken.None);

        Assert.Equal((16, 16), (image.Width, image.Height));
        Assert.Empty(image.Metadata.GetPngMetadata().TextData);
    }

    [Fact]
    public void Memory_slice_of_a_larger_buffer_is_read_from_its_own_offset()
    {
        var png = CraftedPictures.SolidPng(12, 7, CraftedPictures.Marker);
        byte[] padded = [1, 2, 3, .. png, 9, 9];

        var info = loader.Identify(padded.AsSpan(3, png.Length));

        Assert.Equal((12, 7), (info.Width, info.Height));
    }

    internal static byte[] Sample(PictureFormat format, int width, int height)
    {
        using var image = new Image<Rgba32>(width, height, CraftedPictures.Marker);
        return CraftedPictures.Encode(image, format switch
        {
            PictureFormat.Jpeg => new JpegEncoder(),
            PictureFormat.Png => new PngEncoder(),
            PictureFormat.WebP => new WebpEncoder { FileFormat = WebpFileFormatType.Lossless },
            _ => new GifEncoder(),
        });
    }

    internal static byte[] NoiseSample(PictureFormat format, int width, int height)
    {
        using var image = Image.Load<Rgba32>(CraftedPictures.NoiseJpeg(width, height));
        return CraftedPictures.Encode(image, format switch
        {
            PictureFormat.Jpeg => new JpegEncoder(),
            PictureFormat.Png => new PngEncoder(),
            PictureFormat.WebP => new WebpEncoder { FileFormat = WebpFileFormatType.Lossy },
            _ => new GifEncoder(),
        });
    }

    internal static Rgba32 ToRgba(Rgb24 pixel) => new(pixel.R, pixel.G, pixel.B);

    internal static void AssertClose(Rgba32 expected, Rgba32 actual, string where, int tolerance = 24) =>
        Assert.True(
            Math.Abs(expected.R - actual.R) <= tolerance && Math.Abs(expected.G - actual.G) <= tolerance && Math.Abs(expected.B - actual.B) <= tolerance,
            $"{where}: expected about {expected}, got {actual}");
}
