using PicADaily.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.Testing;

/// <summary>Pictures made by the tests themselves, good and bad.</summary>
public static class TestImages
{
    public static byte[] SolidJpeg(int width, int height, Rgba32 color) => Encode(width, height, color, PictureFormat.Jpeg);

    public static byte[] SolidPng(int width, int height, Rgba32 color) => Encode(width, height, color, PictureFormat.Png);

    public static byte[] Truncated(byte[] picture) => picture[..(picture.Length / 2)];

    public static byte[] NotAnImage { get; } = "<html><body>not a picture</body></html>"u8.ToArray();

    /// <summary>A few dozen bytes of PNG claiming 50,000 × 50,000 pixels: a flood that must be refused before decoding.</summary>
    public static byte[] PixelFloodPng() => PicADaily.Imaging.Tests.CraftedPictures.PngClaiming(50_000, 50_000);

    private static byte[] Encode(int width, int height, Rgba32 color, PictureFormat format)
    {
        using var image = new Image<Rgba32>(width, height, color);
        return PictureEncoder.Encode(image, format).Content;
    }
}
