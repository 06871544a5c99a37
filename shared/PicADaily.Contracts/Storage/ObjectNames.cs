using System.Text;

namespace PicADaily.Contracts.Storage;

/// <summary>Cloud Storage object naming rules: 1–1024 UTF-8 bytes, no CR or LF, not "." or "..".</summary>
public static class ObjectNames
{
    public const int MaxBytes = 1024;

    /// <returns>Null when valid, else a message saying what is wrong.</returns>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "the object name is empty";
        }

        if (name is "." or "..")
        {
            return $"the object name '{name}' is not allowed";
        }

        if (name.Contains('\r', StringComparison.Ordinal) || name.Contains('\n', StringComparison.Ordinal))
        {
            return "the object name contains a carriage return or line feed";
        }

        int bytes;
        try
        {
            bytes = new UTF8Encoding(false, throwOnInvalidBytes: true).GetByteCount(name);
        }
        catch (EncoderFallbackException)
        {
            return "the object name is not valid UTF-8";
        }

        return bytes > MaxBytes ? $"the object name is {bytes} bytes long; the limit is {MaxBytes}" : null;
    }
}
