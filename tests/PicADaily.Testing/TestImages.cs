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

    /// <summary>A 1×1 red PNG.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

    /// <summary>The first bytes of a JPEG: enough for content sniffing, not for decoding.</summary>
    public static byte[] JpegHeader { get; } = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01];

    /// <summary>
    /// A photo-like JPEG, different for every <paramref name="seed"/>: smooth waves with grain, so that
    /// its size (about 1.5–3 bits a pixel at quality 90) and decode cost resemble a camera picture rather
    /// than a flat colour, which decodes far faster than any photo.
    /// </summary>
    public static byte[] PhotoJpeg(int width, int height, int seed)
    {
        using var image = new Image<Rgb24>(width, height);
        var random = new Random(seed);
        var phase = random.NextDouble() * Math.PI * 2;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var grain = random.Next(-6, 7);
                    var r = 128 + (100 * Math.Sin((x / 211.0) + (y / 97.0) + phase)) + grain;
                    var g = 110 + (90 * Math.Cos((x / 157.0) - (y / 301.0) - phase)) + grain;
                    var b = 90 + (70 * Math.Sin(((x + y) / 53.0) * Math.Sin((y / 800.0) + phase))) + grain;
                    row[x] = new Rgb24(Clamp(r), Clamp(g), Clamp(b));
                }
            }
        });

        return PictureEncoder.Encode(image, PictureFormat.Jpeg).Content;
    }

    /// <summary>A few dozen bytes of PNG claiming 50,000 × 50,000 pixels: a flood that must be refused before decoding.</summary>
    public static byte[] PixelFloodPng() => PicADaily.Imaging.Tests.CraftedPictures.PngClaiming(50_000, 50_000);

    private static byte Clamp(double value) => (byte)Math.Clamp(value, 0, 255);

    private static byte[] Encode(int width, int height, Rgba32 color, PictureFormat format)
    {
        using var image = new Image<Rgba32>(width, height, color);
        return PictureEncoder.Encode(image, format).Content;
    }
}
