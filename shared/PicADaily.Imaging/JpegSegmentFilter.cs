using System.Buffers.Binary;

namespace PicADaily.Imaging;

/// <summary>
/// Drops the JPEG metadata segments Pic-a-Daily never uses before the decoder sees them. ImageSharp 2.x
/// joins ICC chunks by re-allocating the whole profile for each 64 KB APP2 segment, so 16 MB of them
/// costs a gigabyte of allocation and a 50 MB upload far more; outputs strip ICC, XMP and IPTC anyway.
/// Kept: APP0 (JFIF), the first EXIF APP1 (orientation), APP14 (Adobe colour transform), every
/// non-APP segment and the scans' entropy-coded data.
/// </summary>
/// <remarks>
/// The whole file up to EOI is walked, not only the header: ImageSharp also reads APP segments placed
/// between scans or after the last one. What is handed on is rewritten canonically: the 0xFF fill bytes
/// the standard allows before a marker are removed, because ImageSharp 2.1 does not parse them as the
/// standard says (it may read fill as a marker of its own and then find the ICC chunks behind it).
/// Anything else where a marker must be (stray bytes, a standalone marker, an impossible length) is
/// refused, never passed on: the decoder must see exactly the segments this filter judged.
/// </remarks>
internal static class JpegSegmentFilter
{
    private const byte Fill = 0xFF;
    private const byte StartOfScan = 0xDA;
    private const byte EndOfImage = 0xD9;

    private static ReadOnlySpan<byte> ExifIdentifier => "Exif\0\0"u8;

    public static ReadOnlyMemory<byte> WithoutUnusedMetadata(ReadOnlyMemory<byte> jpeg)
    {
        var span = jpeg.Span;
        var kept = new List<Range>();
        var changed = false;
        var exifKept = false;
        var i = 2;
        while (i < span.Length)
        {
            if (span[i] != Fill)
            {
                throw Refused($"byte 0x{span[i]:X2} at offset {i} where a marker was expected");
            }

            var markerAt = SkipFill(span, i);
            changed |= markerAt != i;
            if (markerAt + 1 >= span.Length)
            {
                // Only fill bytes to the end: nothing more for the decoder to find.
                return Rebuilt(jpeg, kept, span.Length, changed);
            }

            var marker = span[markerAt + 1];
            if (marker == EndOfImage)
            {
                // What follows EOI (a polyglot's payload) is never parsed as JPEG: keep it as it is.
                return Rebuilt(jpeg, kept, markerAt, changed);
            }

            if (marker is 0x00 or 0x01 or (>= 0xD0 and <= 0xD8))
            {
                throw Refused($"standalone marker 0x{marker:X2} at offset {markerAt} outside a scan");
            }

            if (markerAt + 4 > span.Length)
            {
                // Truncated in a marker: hand it on as it is, the decoder reports the truncation.
                return Rebuilt(jpeg, kept, markerAt, changed);
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(span[(markerAt + 2)..]);
            if (length < 2)
            {
                throw Refused($"segment 0x{marker:X2} at offset {markerAt} declares length {length}");
            }

            var end = markerAt + 2 + length;
            if (end > span.Length)
            {
                return Rebuilt(jpeg, kept, markerAt, changed);
            }

            if (marker == StartOfScan)
            {
                // The scan header, then its entropy-coded data up to the next marker.
                end = EndOfEntropyCodedData(span, end);
                kept.Add(markerAt..end);
                i = end;
                continue;
            }

            var payload = span[(markerAt + 4)..end];
            var keep = marker switch
            {
                0xE0 or 0xEE => true,
                0xE1 when !exifKept && payload.StartsWith(ExifIdentifier) => exifKept = true,
                (>= 0xE1 and <= 0xEF) or 0xFE => false,
                _ => true,
            };

            if (keep)
            {
                kept.Add(markerAt..end);
            }
            else
            {
                changed = true;
            }

            i = end;
        }

        return Rebuilt(jpeg, kept, span.Length, changed);
    }

    /// <summary>The last 0xFF of a run of them starting at <paramref name="i"/>: where the marker itself begins.</summary>
    private static int SkipFill(ReadOnlySpan<byte> span, int i)
    {
        while (i + 1 < span.Length && span[i + 1] == Fill)
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// Where entropy-coded data starting at <paramref name="from"/> ends: at the first 0xFF that is neither
    /// a stuffed 0xFF 0x00 nor a restart marker (fill bytes before the next marker belong to that marker),
    /// or at the end of the file.
    /// </summary>
    private static int EndOfEntropyCodedData(ReadOnlySpan<byte> span, int from)
    {
        var i = from;
        while (true)
        {
            var next = span[i..].IndexOf(Fill);
            if (next < 0 || i + next + 1 >= span.Length)
            {
                return span.Length;
            }

            i += next;
            var following = span[i + 1];
            if (following is 0x00 or (>= 0xD0 and <= 0xD7))
            {
                i += 2;
                continue;
            }

            return i;
        }
    }

    private static ImageRejectedException Refused(string what) =>
        new(ImageRejectionReason.Corrupt, $"corrupt Jpeg: {what}");

    /// <summary>SOI, the kept segments without fill, then everything from <paramref name="tail"/> on.</summary>
    private static ReadOnlyMemory<byte> Rebuilt(ReadOnlyMemory<byte> jpeg, List<Range> kept, int tail, bool changed)
    {
        if (!changed)
        {
            return jpeg;
        }

        var span = jpeg.Span;
        var length = 2 + kept.Sum(r => r.End.Value - r.Start.Value) + (span.Length - tail);
        var result = new byte[length];
        span[..2].CopyTo(result);
        var written = 2;
        foreach (var range in kept)
        {
            var segment = span[range];
            segment.CopyTo(result.AsSpan(written));
            written += segment.Length;
        }

        span[tail..].CopyTo(result.AsSpan(written));
        return result;
    }
}
