using PicADaily.Contracts.ProtoJson;

namespace PicADaily.LocalCloud.Firestore.Model;

/// <summary>
/// Firestore's timestamps as the store keeps them, microseconds since the Unix epoch (extra digits
/// truncated), read and written through <see cref="ProtoTimestamp"/>: canonical proto3 JSON, as
/// Firestore and its emulator write them (<c>2001-01-01T00:00:00Z</c>, <c>...00.500Z</c>, <c>...00.123456Z</c>).
/// </summary>
public static class Timestamps
{
    public static string Format(long micros) =>
        ProtoTimestamp.Format(DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond));

    /// <returns>False when <paramref name="text"/> is not an RFC 3339 timestamp.</returns>
    public static bool TryParse(string? text, out long micros)
    {
        micros = 0;
        if (!ProtoTimestamp.TryParse(text, out var value))
        {
            return false;
        }

        // Floor, not truncation toward zero: a time before 1970 keeps its microsecond.
        var ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        micros = (ticks / TimeSpan.TicksPerMicrosecond) - (ticks % TimeSpan.TicksPerMicrosecond < 0 ? 1 : 0);
        return true;
    }
}
