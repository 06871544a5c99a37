using System.Text;

namespace PicADaily.LocalCloud.Storage.Model;

/// <summary>
/// Cloud Storage object-name rules plus what it takes to store a name as a file under its bucket
/// folder: every <c>/</c>-separated segment becomes a folder or file name, so a name that could
/// escape the folder, or that no file could carry, is refused with a message saying why.
/// </summary>
public static class ObjectName
{
    public const int MaxBytes = 1024;
    public const int MaxSegmentBytes = 255;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <returns>Null when the name is acceptable, otherwise why it is not.</returns>
    public static string? Problem(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "Object name is required.";
        }

        int bytes;
        try
        {
            bytes = StrictUtf8.GetByteCount(name);
        }
        catch (EncoderFallbackException)
        {
            return "Object name is not valid Unicode (it contains an unpaired surrogate).";
        }

        if (bytes > MaxBytes)
        {
            return $"Object name is {bytes} UTF-8 bytes long; the limit is {MaxBytes}.";
        }

        if (name.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            return "Object names cannot contain carriage return, line feed or NUL characters.";
        }

        if (name.Contains('\\', StringComparison.Ordinal))
        {
            return "Object names containing a backslash cannot be stored by LocalCloud.";
        }

        if (name.StartsWith('/'))
        {
            return "Object names cannot start with '/': LocalCloud stores them as paths relative to the bucket folder.";
        }

        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "Object names ending in '/' or containing '//' cannot be stored by LocalCloud (an empty path segment).";
            }

            if (segment is "." or "..")
            {
                return $"Object names cannot contain the path segment '{segment}'.";
            }

            if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
            {
                return $"Each '/'-separated part of an object name must be at most {MaxSegmentBytes} UTF-8 bytes to be stored as a file.";
            }
        }

        return null;
    }

    public static void EnsureValid(string name)
    {
        var problem = Problem(name);
        if (problem is not null)
        {
            throw GoogleErrorException.InvalidArgument(problem);
        }
    }
}
