using System.Buffers.Binary;

namespace PicADaily.Imaging;

/// <summary>
/// ImageSharp decodes a cut-off JPEG, WebP or GIF without complaint, filling the missing part with grey;
/// an upload that ended early must instead be refused. These walks follow each format's own length
/// fields to the end of the (first) picture without decoding anything.
/// </summary>
internal static class TruncationCheck
{
    /// <summary>Why the content ends before its picture does, or null when it is complete.</summary>
    public static string? FindTruncation(ReadOnlySpan<byte> content, PictureFormat format) => format switch
    {
        PictureFormat.Jpeg => JpegReachesEndOfImage(content) ? null : "truncated: the file ends before the JPEG end-of-image marker",
        PictureFormat.WebP => WebPHoldsItsDeclaredSize(content) ? null : "truncated: the file is shorter than its RIFF size",
        PictureFormat.Gif => GifHoldsItsFirstFrame(content) ? null : "truncated: the file ends inside its first frame",

        // ImageSharp's PNG decoder checks every chunk length and CRC itself.
        _ => null,
    };

    private static bool JpegReachesEndOfImage(ReadOnlySpan<byte> jpeg)
    {
        var i = 2;
        while (true)
        {
            var next = jpeg[i..].IndexOf((byte)0xFF);
            if (next < 0)
            {
                return false;
            }

            i += next;
            while (i < jpeg.Length && jpeg[i] == 0xFF)
            {
                i++;
            }

            if (i >= jpeg.Length)
            {
                return false;
            }

            var marker = jpeg[i++];
            if (marker == 0xD9)
            {
                return true;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            if (i + 2 > jpeg.Length)
            {
                return false;
            }

            i += BinaryPrimitives.ReadUInt16BigEndian(jpeg[i..]);
            if (i > jpeg.Length)
            {
                return false;
            }

            if (marker == 0xDA)
            {
                i = SkipEntropyCodedData(jpeg, i);
                if (i < 0)
                {
                    return false;
                }
            }
        }
    }

    /// <summary>Scan data escapes 0xFF as FF 00 and has FF D0–D7 restarts; any other FF xx is the next marker.</summary>
    private static int SkipEntropyCodedData(ReadOnlySpan<byte> jpeg, int i)
    {
        while (true)
        {
            var next = jpeg[i..].IndexOf((byte)0xFF);
            if (next < 0 || i + next + 1 >= jpeg.Length)
            {
                return -1;
            }

            i += next;
            var following = jpeg[i + 1];
            if (following is 0x00 or (>= 0xD0 and <= 0xD7))
            {
                i += 2;
                continue;
            }

            return i;
        }
    }

    private static bool WebPHoldsItsDeclaredSize(ReadOnlySpan<byte> webp) =>
        webp.Length >= 12 && 8L + BinaryPrimitives.ReadUInt32LittleEndian(webp[4..]) <= webp.Length;

    private static bool GifHoldsItsFirstFrame(ReadOnlySpan<byte> gif)
    {
        const int headerAndScreen = 13;
        if (gif.Length < headerAndScreen)
        {
            return false;
        }

        var i = headerAndScreen + ColourTableLength(gif[10]);
        while (i < gif.Length)
        {
            switch (gif[i])
            {
                case 0x21: // extension: label, then data sub-blocks
                    i = SkipSubBlocks(gif, i + 2);
                    break;
                case 0x2C: // image: descriptor, optional local table, LZW code size, data sub-blocks
                    if (i + 10 > gif.Length)
                    {
                        return false;
                    }

                    i += 10 + ColourTableLength(gif[i + 9]) + 1;
                    return SkipSubBlocks(gif, i) >= 0;
                default: // the trailer or garbage before any image
                    return false;
            }

            if (i < 0)
            {
                return false;
            }
        }

        return false;
    }

    private static int ColourTableLength(byte packed) => (packed & 0x80) != 0 ? 3 * (2 << (packed & 0x07)) : 0;

    private static int SkipSubBlocks(ReadOnlySpan<byte> gif, int i)
    {
        while (i < gif.Length)
        {
            var size = gif[i];
            i += 1 + size;
            if (size == 0)
            {
                return i <= gif.Length ? i : -1;
            }
        }

        return -1;
    }
}
