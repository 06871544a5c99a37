using System.Globalization;
using System.Text;

namespace PicADaily.Frontend.Uploads;

/// <summary>
/// Makes a browser-supplied file name fit to keep and show: only the last path segment, no control
/// characters, bounded length. It is never used as a storage name; pages still HTML-encode it.
/// </summary>
public static class FileNames
{
    /// <summary>Keeps custom metadata well under Cloud Storage's 8 KiB limit.</summary>
    public const int MaxLength = 255;

    public static string Clean(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return "(unnamed)";
        }

        // Browsers may send a path ("C:\fakepath\x.jpg", "../x.jpg"): the person knows the file by its last part.
        var lastSegment = raw[(raw.LastIndexOfAny(['/', '\\']) + 1)..];
        var builder = new StringBuilder(Math.Min(lastSegment.Length, MaxLength));
        var elements = StringInfo.GetTextElementEnumerator(lastSegment);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            if (element.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse))
            {
                continue;
            }

            if (builder.Length + element.Length > MaxLength)
            {
                builder.Append('…');
                break;
            }

            builder.Append(element);
        }

        var cleaned = builder.ToString().Trim();
        return cleaned.Length == 0 ? "(unnamed)" : cleaned;
    }
}
