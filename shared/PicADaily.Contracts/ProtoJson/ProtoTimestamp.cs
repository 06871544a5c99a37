using System.Globalization;

namespace PicADaily.Contracts.ProtoJson;

/// <summary>
/// google.protobuf.Timestamp in proto JSON form (RFC 3339), the one reader and writer of it: Pub/Sub's
/// publish times, Firestore's timestamps, create, update and commit times, on both sides of the wire.
/// </summary>
public static class ProtoTimestamp
{
    private static readonly string[] WholeSeconds = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss'Z'"];

    /// <summary>
    /// Reads <c>2024-01-01T10:00:00Z</c>, with a fraction of 1 to 9 digits and <c>Z</c> or an offset;
    /// digits finer than .NET's 100 ns are dropped (Google writes nanoseconds, .NET holds ticks).
    /// </summary>
    /// <returns>False when <paramref name="text"/> is not an RFC 3339 timestamp.</returns>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var fractionTicks = 0L;
        var withoutFraction = text;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
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

            fractionTicks = long.Parse(digits.PadRight(9, '0')[..7], CultureInfo.InvariantCulture);
            withoutFraction = text[..dot] + text[end..];
        }

        if (!DateTimeOffset.TryParseExact(withoutFraction, WholeSeconds, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        value = parsed.AddTicks(fractionTicks);
        return true;
    }

    /// <exception cref="FormatException">Not an RFC 3339 timestamp.</exception>
    public static DateTimeOffset Parse(string? text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not an RFC 3339 timestamp.");

    /// <summary>
    /// Proto3 JSON's canonical form, as Google's services write it: UTC with <c>Z</c>, and a fraction of
    /// 0, 3, 6 or 9 digits, the fewest that hold the value (<c>...00Z</c>, <c>...00.500Z</c>, <c>...00.123456Z</c>).
    /// </summary>
    public static string Format(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var ticks = utc.Ticks % TimeSpan.TicksPerSecond;
        var fraction = ticks switch
        {
            0 => "",
            _ when ticks % TimeSpan.TicksPerMillisecond == 0 => "." + (ticks / TimeSpan.TicksPerMillisecond).ToString("D3", CultureInfo.InvariantCulture),
            _ when ticks % TimeSpan.TicksPerMicrosecond == 0 => "." + (ticks / TimeSpan.TicksPerMicrosecond).ToString("D6", CultureInfo.InvariantCulture),
            _ => "." + (ticks * 100).ToString("D9", CultureInfo.InvariantCulture),
        };
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + fraction + "Z";
    }

    /// <summary>The value cut to whole microseconds: Firestore's precision.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset value) =>
        value.AddTicks(-(value.UtcTicks % TimeSpan.TicksPerMicrosecond));

    /// <summary>The value cut to whole milliseconds: the precision of Pub/Sub's publish times here.</summary>
    public static DateTimeOffset ToMilliseconds(DateTimeOffset value) =>
        value.AddTicks(-(value.UtcTicks % TimeSpan.TicksPerMillisecond));
}
