using System.Globalization;

namespace PicADaily.Provisioner;

/// <summary>google.protobuf.Duration text (<c>"10s"</c>, <c>"0.5s"</c>) as the topology file writes it.</summary>
internal static class ProtoDuration
{
    public static TimeSpan Parse(string text)
    {
        if (!text.EndsWith('s') || !decimal.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new FormatException($"'{text}' is not a duration like \"10s\".");
        }

        return TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }
}
