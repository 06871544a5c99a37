using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Firestore.Query;

/// <summary>A <c>where</c> clause, evaluated on one document with Firestore's semantics.</summary>
public abstract record Filter
{
    public abstract bool Matches(StoredDocument document);

    /// <summary>The value of a field (or <c>__name__</c> as a reference) in a document, or null when absent.</summary>
    public static JsonObject? ValueOf(StoredDocument document, FieldPath field) =>
        field.IsDocumentName ? new JsonObject { ["referenceValue"] = document.Path.Name } : field.Find(document.Fields);
}

/// <summary><c>fieldFilter</c>: comparisons are type-bound (a number never matches <c>&lt; "a"</c>), absent fields never match.</summary>
public sealed record FieldFilter(FieldPath Field, string Op, JsonObject Value) : Filter
{
    private readonly byte[] key = ValueKey.Encode(Value);
    private readonly List<byte[]> listKeys = Value["arrayValue"]?["values"] is JsonArray items
        ? [.. items.Select(item => ValueKey.Encode((JsonObject)item!))]
        : [];

    public byte[] Key => key;

    /// <summary>The element keys when <see cref="Value"/> is an array (IN, NOT_IN, ARRAY_CONTAINS_ANY).</summary>
    public IReadOnlyList<byte[]> ListKeys => listKeys;

    public static bool IsInequality(string op) => op is "LESS_THAN" or "LESS_THAN_OR_EQUAL" or "GREATER_THAN" or "GREATER_THAN_OR_EQUAL" or "NOT_EQUAL" or "NOT_IN";

    public override bool Matches(StoredDocument document)
    {
        if (ValueOf(document, Field) is not { } value)
        {
            return false;
        }

        var actual = ValueKey.Encode(value);
        var isNull = actual[0] == ValueKey.NullRank;
        return Op switch
        {
            "EQUAL" => actual.AsSpan().SequenceEqual(key),
            "NOT_EQUAL" => !isNull && !actual.AsSpan().SequenceEqual(key),
            "LESS_THAN" => actual[0] == key[0] && ValueKey.Compare(actual, key) < 0,
            "LESS_THAN_OR_EQUAL" => actual[0] == key[0] && ValueKey.Compare(actual, key) <= 0,
            "GREATER_THAN" => actual[0] == key[0] && ValueKey.Compare(actual, key) > 0,
            "GREATER_THAN_OR_EQUAL" => actual[0] == key[0] && ValueKey.Compare(actual, key) >= 0,
            "IN" => listKeys.Any(k => actual.AsSpan().SequenceEqual(k)),
            "NOT_IN" => !isNull && !listKeys.Any(k => actual.AsSpan().SequenceEqual(k)),
            "ARRAY_CONTAINS" => Elements(value).Any(e => e.AsSpan().SequenceEqual(key)),
            "ARRAY_CONTAINS_ANY" => Elements(value).Any(e => listKeys.Any(k => e.AsSpan().SequenceEqual(k))),
            _ => false,
        };
    }

    private static IEnumerable<byte[]> Elements(JsonObject value) =>
        (value["arrayValue"]?["values"] as JsonArray ?? []).Select(item => ValueKey.Encode((JsonObject)item!));
}

/// <summary><c>unaryFilter</c>: IS_NULL, IS_NOT_NULL, IS_NAN, IS_NOT_NAN; absent fields never match.</summary>
public sealed record UnaryFilter(FieldPath Field, string Op) : Filter
{
    public override bool Matches(StoredDocument document)
    {
        if (ValueOf(document, Field) is not { } value)
        {
            return false;
        }

        var isNull = value.ContainsKey("nullValue");
        var isNan = value.ContainsKey("doubleValue") && double.IsNaN(ValueNormalizer.DoubleOf(value));
        return Op switch
        {
            "IS_NULL" => isNull,
            "IS_NOT_NULL" => !isNull,
            "IS_NAN" => isNan,
            "IS_NOT_NAN" => !isNan && !isNull,
            _ => false,
        };
    }
}

/// <summary><c>compositeFilter</c> with AND or OR.</summary>
public sealed record CompositeFilter(string Op, IReadOnlyList<Filter> Filters) : Filter
{
    public override bool Matches(StoredDocument document) =>
        Op == "OR" ? Filters.Any(f => f.Matches(document)) : Filters.All(f => f.Matches(document));
}
