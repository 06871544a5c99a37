using System.Globalization;

namespace PicADaily.Contracts.ProtoJson;

/// <summary>
/// google.protobuf.Duration in proto JSON form, the one reader and writer of it: seconds with an
/// <c>s</c> suffix, a fraction of up to nine digits allowed (<c>"10s"</c>, <c>"0.5s"</c>). The
/// topology file, Pub/Sub's retry policies and LocalCloud's Pub/Sub API all use it. Negative
/// durations and more than Google's limit of 10,000 years are refused.
/// </summary>
public static class ProtoDuration
{
    private const decimal MaxSeconds = 315_576_000_000m;

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || !text.EndsWith('s')
            || !decimal.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || seconds > MaxSeconds
            || seconds * TimeSpan.TicksPerSecond > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    /// <exception cref="FormatException">Not a duration like <c>"10s"</c>.</exception>
    public static TimeSpan Parse(string? text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a duration like \"10s\".");

    /// <summary>The shortest form: <c>"10s"</c>, <c>"0.5s"</c>, <c>"0.0000001s"</c> (100 ns, a tick).</summary>
    public static string Format(TimeSpan value) =>
        ((decimal)value.Ticks / TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture) + "s";
}
