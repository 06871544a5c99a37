using System.Text.Json.Serialization;

namespace PicADaily.GoogleCloud.Firestore;

/// <summary>
/// A Firestore field value: exactly one of the kinds of <c>google.firestore.v1.Value</c>.
/// Pattern-match on the subtypes (<see cref="StringValue"/>, <see cref="IntegerValue"/>, …).
/// </summary>
[JsonConverter(typeof(FirestoreValueJsonConverter))]
public abstract record FirestoreValue
{
    private protected FirestoreValue()
    {
    }

    /// <summary>The null value.</summary>
    public static FirestoreValue Null { get; } = new NullValue();

    /// <summary>A string value.</summary>
    public static implicit operator FirestoreValue(string value) => new StringValue(value);

    /// <summary>An integer value.</summary>
    public static implicit operator FirestoreValue(long value) => new IntegerValue(value);

    /// <summary>A double value.</summary>
    public static implicit operator FirestoreValue(double value) => new DoubleValue(value);

    /// <summary>A boolean value.</summary>
    public static implicit operator FirestoreValue(bool value) => new BooleanValue(value);

    /// <summary>A timestamp value (truncated to microseconds).</summary>
    public static implicit operator FirestoreValue(DateTimeOffset value) => new TimestampValue(value);
}

/// <summary><c>nullValue</c>.</summary>
public sealed record NullValue : FirestoreValue;

/// <summary><c>booleanValue</c>.</summary>
public sealed record BooleanValue(bool Value) : FirestoreValue;

/// <summary><c>integerValue</c> (int64, a JSON string on the wire).</summary>
public sealed record IntegerValue(long Value) : FirestoreValue;

/// <summary><c>doubleValue</c>; NaN and ±Infinity travel as the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>.</summary>
public sealed record DoubleValue(double Value) : FirestoreValue;

/// <summary><c>stringValue</c>.</summary>
public sealed record StringValue(string Value) : FirestoreValue;

/// <summary><c>referenceValue</c>: a full document name <c>projects/{p}/databases/(default)/documents/…</c>.</summary>
public sealed record ReferenceValue(string DocumentName) : FirestoreValue;

/// <summary><c>geoPointValue</c>.</summary>
public sealed record GeoPointValue(double Latitude, double Longitude) : FirestoreValue;

/// <summary><c>timestampValue</c>, in UTC and truncated to the microsecond Firestore stores.</summary>
public sealed record TimestampValue : FirestoreValue
{
    /// <summary>Creates the value, dropping sub-microsecond ticks as Firestore would.</summary>
    public TimestampValue(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        Value = utc.AddTicks(-(utc.Ticks % 10));
    }

    /// <summary>The instant, UTC, microsecond precision.</summary>
    public DateTimeOffset Value { get; }
}

/// <summary><c>bytesValue</c> (base64 on the wire). Equality compares the bytes.</summary>
public sealed record BytesValue(ReadOnlyMemory<byte> Value) : FirestoreValue
{
    /// <inheritdoc />
    public bool Equals(BytesValue? other) => other is not null && Value.Span.SequenceEqual(other.Value.Span);

    /// <inheritdoc />
    public override int GetHashCode() => Value.Length;
}

/// <summary><c>arrayValue</c> (Firestore forbids an array directly inside an array). Equality compares the elements.</summary>
public sealed record ArrayValue(IReadOnlyList<FirestoreValue> Values) : FirestoreValue
{
    /// <summary>Creates an array from its elements.</summary>
    public ArrayValue(params FirestoreValue[] values)
        : this((IReadOnlyList<FirestoreValue>)values)
    {
    }

    /// <inheritdoc />
    public bool Equals(ArrayValue? other) => other is not null && Values.SequenceEqual(other.Values);

    /// <inheritdoc />
    public override int GetHashCode() => Values.Count;
}

/// <summary><c>mapValue</c>. Equality compares the entries, whatever their order.</summary>
public sealed record MapValue(IReadOnlyDictionary<string, FirestoreValue> Fields) : FirestoreValue
{
    /// <inheritdoc />
    public bool Equals(MapValue? other) => other is not null && FirestoreFields.AreEqual(Fields, other.Fields);

    /// <inheritdoc />
    public override int GetHashCode() => Fields.Count;
}
