using System.Text.Json;
using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Firestore.Query;

/// <summary>One <c>orderBy</c> entry.</summary>
public sealed record Ordering(FieldPath Field, bool Descending);

/// <summary>A <c>startAt</c>/<c>endAt</c> cursor: a prefix of the ordering's values.</summary>
public sealed record Cursor(IReadOnlyList<byte[]> Keys, bool Before);

/// <summary>A parsed <c>structuredQuery</c>, with Firestore's implicit orderings already appended.</summary>
public sealed record StructuredQuery(
    string CollectionId,
    Filter? Where,
    IReadOnlyList<Ordering> OrderBy,
    Cursor? StartAt,
    Cursor? EndAt,
    int Offset,
    int? Limit,
    IReadOnlyList<FieldPath>? Select)
{
    private static readonly string[] FieldOps =
        ["LESS_THAN", "LESS_THAN_OR_EQUAL", "GREATER_THAN", "GREATER_THAN_OR_EQUAL", "EQUAL", "NOT_EQUAL", "ARRAY_CONTAINS", "IN", "ARRAY_CONTAINS_ANY", "NOT_IN"];

    public static StructuredQuery Parse(JsonNode? node)
    {
        if (node is not JsonObject query)
        {
            throw GoogleErrorException.InvalidArgument("runQuery needs a structuredQuery.");
        }

        if (query["from"] is not JsonArray { Count: 1 } from || from[0]?["collectionId"]?.GetValue<string>() is not { Length: > 0 } collectionId)
        {
            throw GoogleErrorException.InvalidArgument("structuredQuery.from must name exactly one collectionId.");
        }

        if (from[0]?["allDescendants"]?.GetValue<bool>() == true)
        {
            throw GoogleErrorException.Unimplemented("LocalCloud does not serve collection-group queries (allDescendants).");
        }

        var where = query["where"] is { } w ? ParseFilter(w) : null;
        var orderBy = ImplicitOrdering(where, ParseOrderBy(query["orderBy"]));
        return new StructuredQuery(
            collectionId,
            where,
            orderBy,
            ParseCursor(query["startAt"], "startAt", orderBy.Count),
            ParseCursor(query["endAt"], "endAt", orderBy.Count),
            ParseInt(query["offset"], "offset") ?? 0,
            ParseInt(query["limit"], "limit"),
            ParseSelect(query["select"]));
    }

    private static Filter ParseFilter(JsonNode node)
    {
        if (node["fieldFilter"] is JsonObject field)
        {
            var op = field["op"]?.GetValue<string>();
            if (op is null || !FieldOps.Contains(op))
            {
                throw GoogleErrorException.InvalidArgument($"Unknown fieldFilter op \"{op}\".");
            }

            var value = ValueNormalizer.Normalize(field["value"], "fieldFilter.value");
            if (op is "IN" or "NOT_IN" or "ARRAY_CONTAINS_ANY" && value["arrayValue"]?["values"] is not JsonArray { Count: > 0 })
            {
                throw GoogleErrorException.InvalidArgument($"A {op} filter needs a non-empty arrayValue.");
            }

            return new FieldFilter(FieldPath.Parse(field["field"]?["fieldPath"]?.GetValue<string>()), op, value);
        }

        if (node["unaryFilter"] is JsonObject unary)
        {
            var op = unary["op"]?.GetValue<string>();
            if (op is not ("IS_NULL" or "IS_NOT_NULL" or "IS_NAN" or "IS_NOT_NAN"))
            {
                throw GoogleErrorException.InvalidArgument($"Unknown unaryFilter op \"{op}\".");
            }

            return new UnaryFilter(FieldPath.Parse(unary["field"]?["fieldPath"]?.GetValue<string>()), op);
        }

        if (node["compositeFilter"] is JsonObject composite)
        {
            var op = composite["op"]?.GetValue<string>();
            if (op is not ("AND" or "OR") || composite["filters"] is not JsonArray { Count: > 0 } filters)
            {
                throw GoogleErrorException.InvalidArgument("A compositeFilter needs op AND or OR and at least one filter.");
            }

            return new CompositeFilter(op, [.. filters.Select(f => ParseFilter(f!))]);
        }

        throw GoogleErrorException.InvalidArgument("A filter must be a fieldFilter, unaryFilter or compositeFilter.");
    }

    private static List<Ordering> ParseOrderBy(JsonNode? node)
    {
        var result = new List<Ordering>();
        foreach (var order in node as JsonArray ?? [])
        {
            var direction = order?["direction"]?.GetValue<string>() ?? "ASCENDING";
            if (direction is not ("ASCENDING" or "DESCENDING"))
            {
                throw GoogleErrorException.InvalidArgument($"Unknown orderBy direction \"{direction}\".");
            }

            result.Add(new Ordering(FieldPath.Parse(order?["field"]?["fieldPath"]?.GetValue<string>()), direction == "DESCENDING"));
        }

        return result;
    }

    // As Firestore does: inequality fields not ordered yet come next (by field path), then __name__
    // in the direction of the last ordering.
    private static List<Ordering> ImplicitOrdering(Filter? where, List<Ordering> explicitOrder)
    {
        var result = new List<Ordering>(explicitOrder);
        var inequalities = Flatten(where).OfType<FieldFilter>().Where(f => FieldFilter.IsInequality(f.Op)).Select(f => f.Field)
            .DistinctBy(f => f.Canonical).OrderBy(f => f.Canonical, StringComparer.Ordinal);
        foreach (var field in inequalities)
        {
            if (!result.Any(o => o.Field.Canonical == field.Canonical))
            {
                result.Add(new Ordering(field, result.Count > 0 && result[^1].Descending));
            }
        }

        if (!result.Any(o => o.Field.IsDocumentName))
        {
            result.Add(new Ordering(FieldPath.Parse(FieldPath.DocumentName), result.Count > 0 && result[^1].Descending));
        }

        return result;
    }

    public static IEnumerable<Filter> Flatten(Filter? filter) => filter switch
    {
        null => [],
        CompositeFilter { Op: "AND" } and => and.Filters.SelectMany(Flatten),
        _ => [filter],
    };

    private static Cursor? ParseCursor(JsonNode? node, string name, int orderCount)
    {
        if (node is null)
        {
            return null;
        }

        var values = node["values"] as JsonArray ?? [];
        if (values.Count == 0 || values.Count > orderCount)
        {
            throw GoogleErrorException.InvalidArgument($"{name}.values must hold 1 to {orderCount} values (a prefix of orderBy).");
        }

        var keys = values.Select((v, i) => ValueKey.Encode(ValueNormalizer.Normalize(v, $"{name}.values[{i}]"))).ToList();
        return new Cursor(keys, node["before"]?.GetValue<bool>() ?? false);
    }

    private static int? ParseInt(JsonNode? node, string name)
    {
        if (node is null)
        {
            return null;
        }

        // limit is an Int32Value wrapper; accept {"value": n} too.
        var raw = node is JsonObject wrapper ? wrapper["value"] : node;
        var ok = raw?.GetValueKind() switch
        {
            JsonValueKind.Number => raw.GetValue<int>(),
            JsonValueKind.String when int.TryParse(raw.GetValue<string>(), out var parsed) => parsed,
            _ => (int?)null,
        };
        return ok is >= 0 ? ok : throw GoogleErrorException.InvalidArgument($"{name} must be a non-negative integer.");
    }

    private static List<FieldPath>? ParseSelect(JsonNode? node)
    {
        if (node?["fields"] is not JsonArray { Count: > 0 } fields)
        {
            return null;
        }

        return [.. fields.Select(f => FieldPath.Parse(f?["fieldPath"]?.GetValue<string>())).Where(f => !f.IsDocumentName)];
    }
}
