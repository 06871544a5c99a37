using System.Globalization;

namespace PicADaily.LocalCloud.PubSub;

/// <summary>google.protobuf.Duration in proto JSON form: seconds with an <c>s</c> suffix, fractions allowed (<c>"0.1s"</c>).</summary>
public static class Durations
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || !text.EndsWith('s'))
        {
            return false;
        }

        if (!decimal.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || seconds > 315_576_000_000m)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    /// <exception cref="PubSubException">INVALID_ARGUMENT naming <paramref name="field"/>.</exception>
    public static TimeSpan Parse(string? text, string field) =>
        TryParse(text, out var value) ? value : throw PubSubException.InvalidArgument($"Invalid {field} '{text}': expected a duration such as \"10s\".");

    public static string Format(TimeSpan value)
    {
        var seconds = (decimal)value.Ticks / TimeSpan.TicksPerSecond;
        return seconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";
    }
}
