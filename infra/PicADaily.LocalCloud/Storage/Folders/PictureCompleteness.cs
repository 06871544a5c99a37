using System.Buffers.Binary;

namespace PicADaily.LocalCloud.Storage.Folders;

/// <summary>
/// Whether a file in a bucket folder looks like a whole picture, judged from its first and last
/// bytes only. A settle interval cannot tell a finished copy from a writer that was descheduled
/// mid-file (a saturated CPU, writeback throttling); the end of a picture file can: JPEG ends with
/// the EOI marker FF D9, PNG with its IEND chunk, GIF with the trailer 0x3B, and a WebP file is as
/// long as its RIFF header says. A file that does not look whole is announced only after a longer
/// quiet period (<see cref="StorageOptions.IncompleteGrace"/>): a truly cut-off picture still reaches
/// the services, which report it as corrupt.
/// <para>
/// Not the imaging library's truncation check: that one walks the whole content in memory to tell
/// whether the first picture is intact (for decoding), says nothing about PNG or the later frames of
/// a GIF, and accepts data after the end of the picture; the question here is whether the writer has
/// reached the end of the file, which the last bytes answer without reading a multi-megabyte file.
/// A JPEG with bytes after its EOI (some phones append a video) merely waits for the longer period.
/// </para>
/// </summary>
public static class PictureCompleteness
{
    private const int HeadLength = 12;
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] PngIend = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    /// <summary>False when the file is empty or is a JPEG, PNG, GIF or WebP that ends before its format's end; true otherwise (also for any other kind of file).</summary>
    public static bool LooksComplete(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        return LooksComplete(file);
    }

    public static bool LooksComplete(Stream file)
    {
        var length = file.Length;

        // Every copy starts as an empty file; an empty object is rare enough to wait for.
        if (length == 0)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[HeadLength];
        var headRead = ReadAt(file, 0, head);
        head = head[..headRead];
        Span<byte> tail = stackalloc byte[PngIend.Length];
        var tailRead = ReadAt(file, Math.Max(0, length - tail.Length), tail);
        tail = tail[..tailRead];

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return tail.EndsWith((ReadOnlySpan<byte>)[0xFF, 0xD9]);
        }

        if (head.StartsWith(PngSignature))
        {
            return tail.EndsWith(PngIend);
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return tail.EndsWith((ReadOnlySpan<byte>)[0x3B]);
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return 8L + BinaryPrimitives.ReadUInt32LittleEndian(head[4..8]) <= length;
        }

        return true;
    }

    private static int ReadAt(Stream file, long offset, Span<byte> buffer)
    {
        file.Position = offset;
        var total = 0;
        int read;
        while (total < buffer.Length && (read = file.Read(buffer[total..])) > 0)
        {
            total += read;
        }

        return total;
    }
}
