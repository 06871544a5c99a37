using System.Globalization;

namespace PicADaily.LocalCloud.Firestore.Model;

/// <summary>
/// RFC 3339 timestamps at Firestore's precision: microseconds since the Unix epoch, extra digits truncated.
/// Written in proto3 JSON's canonical form, as Firestore and its emulator write them: no fraction when it
/// is zero, else 3 or 6 digits (<c>2001-01-01T00:00:00Z</c>, <c>...00.500Z</c>, <c>...00.123456Z</c>).
/// </summary>
public static class Timestamps
{
    public static string Format(long micros)
    {
        var seconds = Math.DivRem(micros, 1_000_000L, out var fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += 1_000_000L;
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
        var digits = fraction switch
        {
            0 => "",
            _ when fraction % 1000 == 0 => "." + (fraction / 1000).ToString("D3", CultureInfo.InvariantCulture),
            _ => "." + fraction.ToString("D6", CultureInfo.InvariantCulture),
        };
        return time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + digits + "Z";
    }

    /// <returns>False when <paramref name="text"/> is not an RFC 3339 timestamp.</returns>
    public static bool TryParse(string? text, out long micros)
    {
        micros = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        // .NET parses at most 7 fractional digits; Firestore accepts up to 9 and keeps 6.
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var fractionMicros = 0L;
        var withoutFraction = text;
        if (dot >= 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            var digits = text[(dot + 1)..end];
            if (digits.Length is 0 or > 9)
            {
                return false;
            }

            fractionMicros = long.Parse(digits.PadRight(9, '0')[..6], CultureInfo.InvariantCulture);
            withoutFraction = text[..dot] + text[end..];
        }

        if (!DateTimeOffset.TryParseExact(
                withoutFraction,
                ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss'Z'"],
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var parsed))
        {
            return false;
        }

        micros = (parsed.ToUnixTimeSeconds() * 1_000_000L) + fractionMicros;
        return true;
    }
}
