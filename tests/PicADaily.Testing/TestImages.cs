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

    /// <summary>A valid PNG header claiming 1 × 8,000,000 pixels: a flood that must be refused before decoding.</summary>
    public static byte[] PixelFloodPng()
    {
        var png = SolidPng(1, 1, new Rgba32(0, 0, 0));
        // IHDR width and height are big-endian at offsets 16 and 20; the CRC is left stale on purpose.
        BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(50_000)).CopyTo(png, 16);
        BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(50_000)).CopyTo(png, 20);
        return png;
    }

    private static byte[] Encode(int width, int height, Rgba32 color, PictureFormat format)
    {
        using var image = new Image<Rgba32>(width, height, color);
        return PictureEncoder.Encode(image, format).Content;
    }
}
