using System.Text;

namespace PicADaily.Imaging;

/// <summary>
/// Tells formats apart by their first bytes (never by name), and names the common unsupported ones so
/// that a rejection says "unsupported format: TIFF" rather than "unknown".
/// </summary>
internal static class FormatSniffer
{
    private static ReadOnlySpan<byte> Png => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static PictureFormat? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return PictureFormat.Jpeg;
        }

        if (header.StartsWith(Png))
        {
            return PictureFormat.Png;
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return PictureFormat.Gif;
        }

        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return PictureFormat.WebP;
        }

        return null;
    }

    /// <summary>A short human name for content that <see cref="Detect"/> refuses.</summary>
    public static string DescribeUnsupported(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0x49, 0x49, 0x2A, 0x00]) || header.StartsWith((ReadOnlySpan<byte>)[0x4D, 0x4D, 0x00, 0x2A]))
        {
            return "TIFF";
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x49, 0x49, 0x2B, 0x00]) || header.StartsWith((ReadOnlySpan<byte>)[0x4D, 0x4D, 0x00, 0x2B]))
        {
            return "BigTIFF";
        }

        if (header.StartsWith("BM"u8))
        {
            return "BMP";
        }

        if (header.StartsWith("8BPS"u8))
        {
            return "PSD";
        }

        if (header.StartsWith("%PDF"u8))
        {
            return "PDF";
        }

        if (header.StartsWith("qoif"u8))
        {
            return "QOI";
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0x00]) || header.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x02, 0x00]))
        {
            return "ICO";
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x0A]) || (header.Length >= 12 && header[4..12].SequenceEqual("JXL \r\n\x87\n"u8)))
        {
            return "JPEG XL";
        }

        if (header.Length >= 12 && header[4..8].SequenceEqual("jP  "u8))
        {
            return "JPEG 2000";
        }

        if (header.Length >= 12 && header[4..8].SequenceEqual("ftyp"u8))
        {
            return $"ISO media ({Encoding.ASCII.GetString(header[8..12])}: HEIC, AVIF or video)";
        }

        if (header.StartsWith("RIFF"u8))
        {
            return "RIFF container that is not WebP";
        }

        if (header.Length >= 3 && header[0] == (byte)'P' && header[1] is >= (byte)'1' and <= (byte)'7' && IsAsciiWhitespace(header[2]))
        {
            return "PBM/PGM/PPM";
        }

        return DescribeText(header) ?? $"unknown (starts with {Convert.ToHexString(header[..Math.Min(8, header.Length)])})";
    }

    private static string? DescribeText(ReadOnlySpan<byte> header)
    {
        var text = header.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? header[3..] : header;
        var start = 0;
        while (start < text.Length && IsAsciiWhitespace(text[start]))
        {
            start++;
        }

        text = text[start..];
        if (text.IsEmpty || text[0] != (byte)'<')
        {
            return null;
        }

        var opening = Encoding.ASCII.GetString(text[..Math.Min(256, text.Length)]);
        if (opening.Contains("<svg", StringComparison.OrdinalIgnoreCase))
        {
            return "SVG";
        }

        if (opening.Contains("<html", StringComparison.OrdinalIgnoreCase) || opening.Contains("<!doctype html", StringComparison.OrdinalIgnoreCase))
        {
            return "HTML";
        }

        return "XML or other markup text";
    }

    private static bool IsAsciiWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f';
}
