using System.Globalization;
using System.Text;

namespace PicADaily.Frontend.Uploads;

/// <summary>
/// Makes a browser-supplied file name fit to keep and show: no control or invisible formatting
/// characters, bounded length; otherwise as sent (slashes included: it is data, never a path).
/// It is never used as a storage name; pages still HTML-encode it.
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

        var builder = new StringBuilder(Math.Min(raw.Length, MaxLength));
        var elements = StringInfo.GetTextElementEnumerator(raw);
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
