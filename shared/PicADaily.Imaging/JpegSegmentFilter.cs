using System.Buffers.Binary;

namespace PicADaily.Imaging;

/// <summary>
/// Drops the JPEG header segments Pic-a-Daily never uses before the decoder sees them. ImageSharp 2.x
/// joins ICC chunks by re-allocating the whole profile for each 64 KB APP2 segment, so 16 MB of them
/// costs a gigabyte of allocation and a 50 MB upload far more; outputs strip ICC, XMP and IPTC anyway.
/// Kept: APP0 (JFIF), the first EXIF APP1 (orientation), APP14 (Adobe colour transform) and every
/// non-APP segment.
/// </summary>
internal static class JpegSegmentFilter
{
    private static ReadOnlySpan<byte> ExifIdentifier => "Exif\0\0"u8;

    public static ReadOnlyMemory<byte> WithoutUnusedMetadata(ReadOnlyMemory<byte> jpeg)
    {
        var span = jpeg.Span;
        List<Range>? dropped = null;
        var exifKept = false;
        var i = 2;
        while (i + 4 <= span.Length && span[i] == 0xFF)
        {
            var marker = span[i + 1];
            if (marker is 0xDA or 0xD9 || marker is 0x01 or (>= 0xD0 and <= 0xD7) || marker == 0xFF)
            {
                break;
            }

            var end = i + 2 + BinaryPrimitives.ReadUInt16BigEndian(span[(i + 2)..]);
            if (end > span.Length)
            {
                break;
            }

            var payload = span[(i + 4)..end];
            var keep = marker switch
            {
                0xE0 or 0xEE => true,
                0xE1 when !exifKept && payload.StartsWith(ExifIdentifier) => exifKept = true,
                (>= 0xE1 and <= 0xEF) or 0xFE => false,
                _ => true,
            };

            if (!keep)
            {
                (dropped ??= []).Add(i..end);
            }

            i = end;
        }

        return dropped is null ? jpeg : Without(span, dropped);
    }

    private static byte[] Without(ReadOnlySpan<byte> jpeg, List<Range> dropped)
    {
        var removed = dropped.Sum(r => r.End.Value - r.Start.Value);
        var result = new byte[jpeg.Length - removed];
        var written = 0;
        var from = 0;
        foreach (var range in dropped)
        {
            var kept = jpeg[from..range.Start.Value];
            kept.CopyTo(result.AsSpan(written));
            written += kept.Length;
            from = range.End.Value;
        }

        jpeg[from..].CopyTo(result.AsSpan(written));
        return result;
    }
}
