using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.Imaging.Tests;

/// <summary>Pictures, good and hostile, written byte by byte by the tests themselves.</summary>
internal static class CraftedPictures
{
    public static readonly Rgba32 Marker = new(255, 0, 0);
    public static readonly Rgba32 Background = new(0, 0, 255);

    public static byte[] Encode(Image image, IImageEncoder encoder)
    {
        using var buffer = new MemoryStream();
        image.Save(buffer, encoder);
        return buffer.ToArray();
    }

    public static byte[] SolidJpeg(int width, int height, Rgba32 colour)
    {
        using var image = new Image<Rgba32>(width, height, colour);
        return Encode(image, new JpegEncoder { Quality = 90 });
    }

    /// <summary>A JPEG of random noise, so that its entropy-coded data is most of the file.</summary>
    public static byte[] NoiseJpeg(int width, int height)
    {
        var random = new Random(42);
        using var image = new Image<Rgba32>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = new Rgba32((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            }
        }

        return Encode(image, new JpegEncoder { Quality = 90 });
    }

    public static byte[] SolidPng(int width, int height, Rgba32 colour)
    {
        using var image = new Image<Rgba32>(width, height, colour);
        return Encode(image, new PngEncoder());
    }

    /// <summary>
    /// A JPEG (80×40 unless told) with a red block in its stored top-left corner, EXIF orientation 6
    /// ("rotate 90° clockwise to display") and a GPS position: upright, the block is top-right.
    /// </summary>
    public static byte[] RotatedJpegWithGps(int width = 80, int height = 40, int block = 16)
    {
        using var image = new Image<Rgba32>(width, height, Background);
        for (var y = 0; y < block; y++)
        {
            for (var x = 0; x < block; x++)
            {
                image[x, y] = Marker;
            }
        }

        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Orientation, (ushort)6);
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(48, 1), new Rational(51, 1), new Rational(24, 1)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(2, 1), new Rational(21, 1), new Rational(7, 1)]);
        image.Metadata.ExifProfile = exif;
        return Encode(image, new JpegEncoder { Quality = 95 });
    }

    public static byte[] PolyglotJpeg() =>
        [.. SolidJpeg(64, 64, Background), .. "<html><script>alert(document.cookie)</script></html>"u8];

    /// <summary>
    /// A small JPEG carrying <paramref name="segments"/> maximum-size APP2 ICC segments of garbage plus as
    /// many APP15 segments: about 128 KB of metadata per segment pair. Each marker is preceded by
    /// <paramref name="fillBytes"/> extra 0xFF fill bytes, which the JPEG standard allows (B.1.1.2).
    /// </summary>
    public static byte[] JpegWithHugeMetadata(int segments, int fillBytes = 0)
    {
        var jpeg = SolidJpeg(64, 64, Background);
        using var output = new MemoryStream();
        output.Write(jpeg, 0, 2);
        var random = new Random(3);
        for (var i = 0; i < segments; i++)
        {
            var icc = new byte[65_533 - 14];
            random.NextBytes(icc);
            output.Write(Enumerable.Repeat((byte)0xFF, fillBytes).ToArray());
            WriteJpegSegment(output, 0xE2, [.. "ICC_PROFILE\0"u8, (byte)(i + 1), (byte)segments, .. icc]);
            var other = new byte[65_533];
            random.NextBytes(other);
            output.Write(Enumerable.Repeat((byte)0xFF, fillBytes).ToArray());
            WriteJpegSegment(output, 0xEF, other);
        }

        output.Write(jpeg, 2, jpeg.Length - 2);
        return output.ToArray();
    }

    /// <summary>
    /// A small JPEG whose <paramref name="segments"/> maximum-size APP2 ICC segments of garbage sit after
    /// the scan, just before EOI, where a filter that stops at the first scan never looks.
    /// </summary>
    public static byte[] JpegWithIccAfterTheScan(int segments)
    {
        var jpeg = SolidJpeg(64, 64, Background);
        using var output = new MemoryStream();
        output.Write(jpeg, 0, jpeg.Length - 2);
        var random = new Random(5);
        for (var i = 0; i < segments; i++)
        {
            var icc = new byte[65_533 - 14];
            random.NextBytes(icc);
            WriteJpegSegment(output, 0xE2, [.. "ICC_PROFILE\0"u8, (byte)(i + 1), (byte)segments, .. icc]);
        }

        output.Write(jpeg, jpeg.Length - 2, 2);
        return output.ToArray();
    }

    public static byte[] Truncated(byte[] content, int keep) => content[..keep];

    /// <summary>A PNG signature and IHDR claiming the given size, one tiny IDAT and IEND: a few dozen bytes.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 6; // RGBA
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", ihdr);
        WriteChunk(png, "IDAT", Deflate(new byte[64]));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A valid small PNG with an extra text chunk of the given type inserted after IHDR.</summary>
    public static byte[] PngWithTextChunk(string type, byte[] data)
    {
        var png = SolidPng(16, 16, Background);
        const int afterIhdr = 8 + 8 + 13 + 4;
        using var output = new MemoryStream();
        output.Write(png, 0, afterIhdr);
        WriteChunk(output, type, data);
        output.Write(png, afterIhdr, png.Length - afterIhdr);
        return output.ToArray();
    }

    /// <summary>A zTXt chunk body whose text inflates to <paramref name="inflatedBytes"/>: a decompression bomb.</summary>
    public static byte[] CompressedTextBomb(int inflatedBytes) =>
        [.. "Comment"u8, 0, 0, .. Deflate(new byte[inflatedBytes])];

    /// <summary>A GIF logical screen of the given size holding one 1×1 frame.</summary>
    public static byte[] GifClaiming(ushort width, ushort height)
    {
        using var gif = new MemoryStream();
        WriteGifHeader(gif, width, height);
        WriteGifFrame(gif);
        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    /// <summary>
    /// An animated 1×1 GIF with <paramref name="frames"/> frames: the first shows palette entry 0 (white),
    /// every later one entry 1 (black) through a local colour table.
    /// </summary>
    public static byte[] AnimatedGif(int frames)
    {
        using var gif = new MemoryStream();
        WriteGifHeader(gif, 1, 1);
        WriteGifFrame(gif);
        for (var i = 1; i < frames; i++)
        {
            WriteGifFrame(gif, localBlackFirst: true);
        }

        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    /// <summary>The 14-byte file header and start of the info header of a BMP claiming 50000×50000 at 32 bits.</summary>
    public static byte[] BmpClaimingHugeSize()
    {
        var bmp = new byte[35];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), 35);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 35);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), 50_000);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), 50_000);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 32);
        return bmp;
    }

    public static byte[] TiffHeader() => [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00];

    public static byte[] BigTiffHeader() => [0x4D, 0x4D, 0x00, 0x2B, 0x00, 0x08, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0x10];

    public static byte[] Svg() =>
        Encoding.UTF8.GetBytes("\uFEFF<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"10\" height=\"10\"/></svg>");

    public static byte[] Html() => "  <!DOCTYPE html><html><body><script>alert(1)</script></body></html>"u8.ToArray();

    private static void WriteGifHeader(Stream gif, ushort width, ushort height)
    {
        gif.Write("GIF89a"u8);
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(size, width);
        BinaryPrimitives.WriteUInt16LittleEndian(size[2..], height);
        gif.Write(size);
        gif.Write([0x80, 0x00, 0x00]); // global colour table of 2 entries
        gif.Write([0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00]); // white, black
    }

    private static void WriteGifFrame(Stream gif, bool localBlackFirst = false)
    {
        gif.Write([0x21, 0xF9, 0x04, 0x00, 0x0A, 0x00, 0x00, 0x00]); // graphic control: 100 ms, no transparency
        gif.Write([0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00]);
        if (localBlackFirst)
        {
            gif.Write([0x80, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF]); // local table: black, white
        }
        else
        {
            gif.WriteByte(0x00);
        }

        gif.Write([0x02, 0x02, 0x44, 0x01, 0x00]); // LZW: one pixel of index 0
    }

    private static void WriteJpegSegment(Stream jpeg, byte marker, byte[] data)
    {
        Span<byte> header = [0xFF, marker, 0, 0];
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(data.Length + 2));
        jpeg.Write(header);
        jpeg.Write(data);
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typeAndData = (byte[])[.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typeAndData));
        png.Write(word);
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();
}
