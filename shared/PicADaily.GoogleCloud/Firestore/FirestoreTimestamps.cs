using System.Text.Json;
using PicADaily.Contracts.ProtoJson;

namespace PicADaily.GoogleCloud.Firestore;

/// <summary>RFC 3339 timestamps as Firestore writes and reads them, through <see cref="ProtoTimestamp"/>.</summary>
internal static class FirestoreTimestamps
{
    /// <summary>Cut to whole microseconds: the precision of <c>timestampValue</c>.</summary>
    public static string FormatMicroseconds(DateTimeOffset value) => ProtoTimestamp.Format(ProtoTimestamp.ToMicroseconds(value));

    /// <summary>Everything .NET holds (100 ns), for echoing an <c>updateTime</c> back exactly.</summary>
    public static string FormatPrecise(DateTimeOffset value) => ProtoTimestamp.Format(value);

    /// <summary>Parses 0–9 fractional digits (digits beyond 100 ns are dropped) and any offset; returns UTC.</summary>
    public static DateTimeOffset Parse(string text) =>
        ProtoTimestamp.TryParse(text, out var value) ? value : throw new JsonException($"'{text}' is not an RFC 3339 timestamp.");
}
