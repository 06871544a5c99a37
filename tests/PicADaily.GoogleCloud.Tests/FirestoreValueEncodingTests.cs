using System.Text.Json;

using CsCheck;

using PicADaily.GoogleCloud.Firestore;

namespace PicADaily.GoogleCloud.Tests;

public sealed class FirestoreValueEncodingTests
{
    // Whole code points (never half a surrogate pair), including the JSON-escaped ones.
    private static readonly Gen<string> Text =
        Gen.OneOf<string>("a", "Z", "0", "_", ".", " ", "é", "ß", "日本", "🙂", "👩‍👩‍👧", "\"", "\\", "/", "\n", "\t", "\u0000", "\u2028", "`x-y`")
            .Array[0, 6].Select(string.Concat);

    private static readonly Gen<double> Doubles = Gen.Frequency((3, Gen.Double), (1, Gen.Double.Special));

    // Firestore keeps microseconds: generate exactly those, over its whole range (years 1–9999).
    private static readonly Gen<DateTimeOffset> Microseconds =
        Gen.Long[0, DateTimeOffset.MaxValue.Ticks / 10].Select(us => new DateTimeOffset(us * 10, TimeSpan.Zero));

    // Document times keep everything .NET holds (100 ns), as they are echoed back in preconditions.
    private static readonly Gen<DateTimeOffset?> OptionalTicks = Gen.Select(Gen.Bool, Gen.Long[0, DateTimeOffset.MaxValue.Ticks],
        (present, ticks) => present ? new DateTimeOffset(ticks, TimeSpan.Zero) : (DateTimeOffset?)null);

    private static readonly Gen<FirestoreValue> Scalar = Gen.OneOf(
        Gen.Const(FirestoreValue.Null),
        Gen.Bool.Select(b => (FirestoreValue)new BooleanValue(b)),
        Gen.Long.Select(i => (FirestoreValue)new IntegerValue(i)),
        Doubles.Select(d => (FirestoreValue)new DoubleValue(d)),
        Microseconds.Select(t => (FirestoreValue)new TimestampValue(t)),
        Text.Select(s => (FirestoreValue)new StringValue(s)),
        Gen.Byte.Array[0, 12].Select(b => (FirestoreValue)new BytesValue(b)),
        Text.Select(s => (FirestoreValue)new ReferenceValue("projects/p/databases/(default)/documents/pictures/" + s)),
        Gen.Select(Doubles, Doubles, (lat, lng) => (FirestoreValue)new GeoPointValue(lat, lng)));

    private static readonly Gen<FirestoreValue> Value = Gen.Recursive<FirestoreValue>((depth, self) =>
        depth >= 3
            ? Scalar
            : Gen.Frequency(
                (4, Scalar),
                (1, self.Array[0, 4].Select(values => (FirestoreValue)new ArrayValue(values))),
                (1, Fields(self).Select(fields => (FirestoreValue)new MapValue(fields)))));

    private static readonly Gen<FirestoreDocument> Document = Gen.Select(
        Text.Where(s => s.Length > 0),
        Fields(Value),
        OptionalTicks,
        OptionalTicks,
        (id, fields, created, updated) => new FirestoreDocument("projects/p/databases/(default)/documents/pictures/" + id, fields, created, updated));

    private static Gen<IReadOnlyDictionary<string, FirestoreValue>> Fields(Gen<FirestoreValue> values) =>
        Gen.Select(Text, values).Array[0, 5].Select(pairs =>
        {
            var fields = new Dictionary<string, FirestoreValue>(StringComparer.Ordinal);
            foreach (var (key, value) in pairs)
            {
                fields[key] = value;
            }
            return (IReadOnlyDictionary<string, FirestoreValue>)fields;
        });

    [Fact]
    public void Any_document_survives_encoding_to_JSON_and_back()
    {
        Document.Sample(document =>
        {
            var json = JsonSerializer.Serialize(document);
            var decoded = JsonSerializer.Deserialize<FirestoreDocument>(json);

            Assert.Equal(document, decoded);
            Assert.Equal(json, JsonSerializer.Serialize(decoded));
        }, iter: 2000);
    }

    [Theory]
    [InlineData(double.NaN, "\"NaN\"")]
    [InlineData(double.PositiveInfinity, "\"Infinity\"")]
    [InlineData(double.NegativeInfinity, "\"-Infinity\"")]
    [InlineData(0.93, "0.93")]
    public void Doubles_use_the_proto3_JSON_spelling(double value, string expectedJson) =>
        Assert.Equal($"{{\"doubleValue\":{expectedJson}}}", JsonSerializer.Serialize<FirestoreValue>(new DoubleValue(value)));

    [Fact]
    public void Integers_are_JSON_strings_and_numbers_are_accepted_too()
    {
        Assert.Equal("{\"integerValue\":\"-9223372036854775808\"}", JsonSerializer.Serialize<FirestoreValue>(new IntegerValue(long.MinValue)));
        Assert.Equal(new IntegerValue(42), JsonSerializer.Deserialize<FirestoreValue>("{\"integerValue\":42}"));
    }

    [Fact]
    public void Timestamps_are_written_with_six_fractional_digits_and_finer_input_is_truncated()
    {
        var value = JsonSerializer.Deserialize<FirestoreValue>("{\"timestampValue\":\"2024-01-01T10:00:00.123456789Z\"}");

        Assert.Equal("{\"timestampValue\":\"2024-01-01T10:00:00.123456Z\"}", JsonSerializer.Serialize(value));
    }

    [Fact]
    public void Empty_arrays_and_maps_use_the_documented_empty_objects()
    {
        Assert.Equal("{\"arrayValue\":{}}", JsonSerializer.Serialize<FirestoreValue>(new ArrayValue()));
        Assert.Equal("{\"mapValue\":{}}", JsonSerializer.Serialize<FirestoreValue>(new MapValue(new Dictionary<string, FirestoreValue>())));
    }

    [Theory]
    [InlineData("{\"fooValue\":1}", "fooValue")]
    [InlineData("{}", "empty")]
    [InlineData("{\"integerValue\":\"12x\"}", "integerValue")]
    [InlineData("{\"stringValue\":null}", "stringValue")]
    [InlineData("{\"bytesValue\":\"***\"}", "bytesValue")]
    public void Malformed_values_are_rejected_with_a_JSON_error_naming_the_problem(string json, string mentioned)
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<FirestoreValue>(json));

        Assert.Contains(mentioned, e.Message);
    }
}
