using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PicADaily.Frontend.Timeline;

/// <summary>
/// Where an entry sits in the order every frontend instance agrees on: the Firestore commit time that
/// recorded it (the server's <c>REQUEST_TIME</c>, so no instance's clock matters), then its id for
/// entries committed at the same instant. Sent to browsers as the SSE id (<c>{microseconds}-{id}</c>).
/// </summary>
public readonly record struct TimelineCursor(DateTimeOffset Recorded, string EntryId) : IComparable<TimelineCursor>
{
    public int CompareTo(TimelineCursor other)
    {
        var byTime = Recorded.UtcTicks.CompareTo(other.Recorded.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(EntryId, other.EntryId);
    }

    public static bool operator <(TimelineCursor left, TimelineCursor right) => left.CompareTo(right) < 0;

    public static bool operator >(TimelineCursor left, TimelineCursor right) => left.CompareTo(right) > 0;

    public static bool operator <=(TimelineCursor left, TimelineCursor right) => left.CompareTo(right) <= 0;

    public static bool operator >=(TimelineCursor left, TimelineCursor right) => left.CompareTo(right) >= 0;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(Recorded.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10}-{EntryId}");

    /// <summary>Reads what <see cref="ToString"/> wrote; anything else (a forged or stale Last-Event-ID) is refused.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out TimelineCursor? cursor)
    {
        cursor = null;
        var dash = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (text is null || dash <= 0 || dash == text.Length - 1
            || !long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var micros)
            || micros > (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10)
        {
            return false;
        }

        var id = text[(dash + 1)..];
        if (id.Length > 128 || !id.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        cursor = new TimelineCursor(DateTimeOffset.UnixEpoch.AddTicks(micros * 10), id);
        return true;
    }
}

/// <summary>A stored entry with its place in the order, and whether everybody could see its picture when it was recorded.</summary>
public sealed record RecordedEntry(TimelineEntry Entry, TimelineCursor Cursor, bool VisibleWhenRecorded);
