using System.Globalization;
using System.Text.Json;

namespace PicADaily.GoogleCloud.Firestore;

/// <summary>RFC 3339 timestamps as Firestore writes and reads them.</summary>
internal static class FirestoreTimestamps
{
    /// <summary>Six fractional digits: the microsecond precision of <c>timestampValue</c>.</summary>
    public static string FormatMicroseconds(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Everything .NET holds (100 ns), for echoing an <c>updateTime</c> back exactly.</summary>
    public static string FormatPrecise(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses 0–9 fractional digits (digits beyond 100 ns are dropped) and any offset; returns UTC.</summary>
    public static DateTimeOffset Parse(string text)
    {
        var value = text;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }
            if (end - dot - 1 > 7)
            {
                value = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
            }
        }
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            throw new JsonException($"'{text}' is not an RFC 3339 timestamp.");
        }
        return parsed.ToUniversalTime();
    }
}
