using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Firestore.Model;

/// <summary>
/// Encodes a Firestore value as bytes whose byte-wise order is Firestore's value order
/// (null &lt; boolean &lt; number &lt; timestamp &lt; string &lt; bytes &lt; reference &lt; geopoint &lt; array &lt; map).
/// SQLite compares BLOBs with memcmp, so the same key serves the index and in-memory comparisons;
/// equal keys mean equal values (1 == 1.0, as in Firestore).
/// </summary>
public static class ValueKey
{
    public const byte NullRank = 0x10;
    public const byte BooleanRank = 0x11;
    public const byte NumberRank = 0x12;
    public const byte TimestampRank = 0x13;
    public const byte StringRank = 0x14;
    public const byte BytesRank = 0x15;
    public const byte ReferenceRank = 0x16;
    public const byte GeoPointRank = 0x17;
    public const byte ArrayRank = 0x18;
    public const byte MapRank = 0x19;

    public static byte[] Encode(JsonObject value)
    {
        var buffer = new List<byte>(32);
        Write(buffer, value);
        return [.. buffer];
    }

    /// <summary>The key of a document name, as <c>__name__</c> orders: by path segments.</summary>
    public static byte[] EncodeReference(string name)
    {
        var buffer = new List<byte>(64) { ReferenceRank };
        WriteReference(buffer, name);
        return [.. buffer];
    }

    public static int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => left.SequenceCompareTo(right);

    private static void Write(List<byte> buffer, JsonObject value)
    {
        var (kind, payload) = value.First();
        switch (kind)
        {
            case "nullValue":
                buffer.Add(NullRank);
                break;
            case "booleanValue":
                buffer.Add(BooleanRank);
                buffer.Add(payload!.GetValue<bool>() ? (byte)1 : (byte)0);
                break;
            case "integerValue":
                WriteInteger(buffer, long.Parse(payload!.GetValue<string>(), CultureInfo.InvariantCulture));
                break;
            case "doubleValue":
                WriteDouble(buffer, ValueNormalizer.DoubleOf(value));
                break;
            case "timestampValue":
                buffer.Add(TimestampRank);
                Timestamps.TryParse(payload!.GetValue<string>(), out var micros);
                WriteInt64(buffer, micros);
                break;
            case "stringValue":
                buffer.Add(StringRank);
                WriteEscaped(buffer, Encoding.UTF8.GetBytes(payload!.GetValue<string>()));
                break;
            case "bytesValue":
                buffer.Add(BytesRank);
                WriteEscaped(buffer, Convert.FromBase64String(payload!.GetValue<string>()));
                break;
            case "referenceValue":
                buffer.Add(ReferenceRank);
                WriteReference(buffer, payload!.GetValue<string>());
                break;
            case "geoPointValue":
                buffer.Add(GeoPointRank);
                WriteSortableDouble(buffer, payload!["latitude"]!.GetValue<double>());
                WriteSortableDouble(buffer, payload["longitude"]!.GetValue<double>());
                break;
            case "arrayValue":
                buffer.Add(ArrayRank);
                foreach (var item in payload?["values"] as JsonArray ?? [])
                {
                    Write(buffer, (JsonObject)item!);
                }

                // Every element starts with a rank byte >= 0x10, so a shorter array sorts first.
                buffer.Add(0x00);
                break;
            case "mapValue":
                buffer.Add(MapRank);
                var fields = payload?["fields"] as JsonObject ?? [];
                foreach (var (name, inner) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
                {
                    WriteEscaped(buffer, Encoding.UTF8.GetBytes(name));
                    Write(buffer, (JsonObject)inner!);
                }

                buffer.Add(0x00);
                buffer.Add(0x00);
                break;
            default:
                throw new ArgumentException($"Not a normalized Firestore value: {kind}", nameof(value));
        }
    }

    // Integers and doubles share one number line. The double part orders them; the exact residual
    // (integer minus its double rounding) keeps large int64 values apart.
    private static void WriteInteger(List<byte> buffer, long integer)
    {
        var asDouble = (double)integer;
        buffer.Add(NumberRank);
        buffer.Add(0x01);
        WriteSortableDouble(buffer, asDouble);
        WriteInt64(buffer, (long)((Int128)integer - (Int128)asDouble));
    }

    private static void WriteDouble(List<byte> buffer, double value)
    {
        buffer.Add(NumberRank);
        if (double.IsNaN(value))
        {
            // NaN sorts before every other number in Firestore.
            buffer.Add(0x00);
            return;
        }

        buffer.Add(0x01);
        WriteSortableDouble(buffer, value == 0 ? 0.0 : value);
        WriteInt64(buffer, 0);
    }

    private static void WriteSortableDouble(List<byte> buffer, double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var sortable = bits < 0 ? ~(ulong)bits : (ulong)bits ^ 0x8000_0000_0000_0000UL;
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, sortable);
        buffer.AddRange(bytes);
    }

    private static void WriteInt64(List<byte> buffer, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)value ^ 0x8000_0000_0000_0000UL);
        buffer.AddRange(bytes);
    }

    // 0x00 is escaped as 00 FF and the string ends with 00 01, so a prefix sorts before its extensions.
    private static void WriteEscaped(List<byte> buffer, byte[] bytes)
    {
        foreach (var b in bytes)
        {
            buffer.Add(b);
            if (b == 0x00)
            {
                buffer.Add(0xFF);
            }
        }

        buffer.Add(0x00);
        buffer.Add(0x01);
    }

    private static void WriteReference(List<byte> buffer, string name)
    {
        foreach (var segment in name.Split('/'))
        {
            WriteEscaped(buffer, Encoding.UTF8.GetBytes(segment));
        }

        buffer.Add(0x00);
        buffer.Add(0x00);
    }
}
