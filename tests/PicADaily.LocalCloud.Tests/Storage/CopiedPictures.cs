namespace PicADaily.LocalCloud.Tests.Storage;

/// <summary>
/// Picture-shaped content for copy tests: a JPEG's start (SOI, APP0) and end (EOI) around
/// deterministic filler without 0xFF, so no prefix of it ends the way a whole JPEG does and a
/// partly written copy is recognisably partial, like a real one.
/// </summary>
public static class CopiedPictures
{
    public static byte[] Jpeg(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == 0xFF)
            {
                bytes[i] = 0xFE;
            }
        }

        ReadOnlySpan<byte> start = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00];
        start.CopyTo(bytes);
        bytes[^2] = 0xFF;
        bytes[^1] = 0xD9;
        return bytes;
    }

    /// <summary>Writes <paramref name="content"/> into an open file in <paramref name="chunks"/> pieces, calling <paramref name="between"/> after each but the last (a stalled writer).</summary>
    public static async Task WriteInChunksAsync(FileStream file, byte[] content, int chunks, Func<Task> between)
    {
        var size = (content.Length + chunks - 1) / chunks;
        for (var offset = 0; offset < content.Length; offset += size)
        {
            await file.WriteAsync(content.AsMemory(offset, Math.Min(size, content.Length - offset)));
            await file.FlushAsync();
            if (offset + size < content.Length)
            {
                await between();
            }
        }
    }

    /// <summary>chmod; on Windows the closest thing, the read-only attribute (an attribute change that leaves size and times alone).</summary>
    public static void ChangeMode(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, (mode & UnixFileMode.UserWrite) == 0 ? FileAttributes.ReadOnly : FileAttributes.Normal);
            return;
        }

        File.SetUnixFileMode(path, mode);
    }
}
