using System.Text.Json.Nodes;

using PicADaily.LocalCloud.Firestore.Storage;
using PicADaily.LocalCloud.Firestore.Values;

namespace PicADaily.LocalCloud.Firestore.Query;

/// <summary>
/// Runs a structured query against the store without scanning the collection.
/// <para>
/// Plan: walk the index of the first orderBy field (or the ids for <c>__name__</c>) in result order,
/// starting at the startAt cursor and stopping at the endAt cursor or once offset + limit documents
/// pass the filters. That costs the number of documents looked at, which is the result size when the
/// filters are common (the gallery). When the filters are rare (a rare label), the walk would look at
/// much of the collection; so after a budget of candidates it switches, if one equality-type filter
/// (EQUAL, ARRAY_CONTAINS, IN, IS_NULL) matches few documents, to reading exactly those by index
/// lookup and sorting them in memory. Every candidate is checked against all filters in memory,
/// so the index only chooses candidates and never decides the result.
/// </para>
/// </summary>
public sealed class QueryExecutor(FirestoreStore store)
{
    private const int WalkBudgetFloor = 1_000;
    private const int EqualityLookupCap = 50_000;

    /// <param name="parent">The database root or a document name (for a subcollection).</param>
    public List<StoredDocument> Execute(string parent, StructuredQuery query)
    {
        var collection = parent + "/" + query.CollectionId;
        var needed = query.Limit is { } limit ? (long)query.Offset + limit : long.MaxValue;
        if (needed == 0)
        {
            return [];
        }

        var budget = (int)Math.Min(int.MaxValue, Math.Max(WalkBudgetFloor, needed * 10));
        var accepted = new List<StoredDocument>();
        var walkFinished = true;
        var examined = 0;
        foreach (var document in Walk(collection, query, Math.Clamp((int)Math.Min(needed + 8, int.MaxValue), 32, 512)))
        {
            if (Accepts(query, document))
            {
                accepted.Add(document);
                if (accepted.Count >= needed)
                {
                    break;
                }
            }

            if (++examined == budget && EqualityLookup(collection, query) is { } lookup)
            {
                accepted = lookup;
                walkFinished = false;
                break;
            }
        }

        if (!walkFinished)
        {
            accepted.Sort((a, b) => Compare(query, Keys(query, a)!, Keys(query, b)!));
        }

        return [.. accepted.Skip(query.Offset).Take((int)Math.Min(needed - query.Offset, int.MaxValue))];
    }

    /// <summary>Documents in result order (by the first ordering; ties re-sorted by the full ordering).</summary>
    private IEnumerable<StoredDocument> Walk(string collection, StructuredQuery query, int pageSize)
    {
        var first = query.OrderBy[0];
        var from = query.StartAt?.Keys[0];
        IEnumerable<StoredDocument> source;
        if (first.Field.IsDocumentName)
        {
            var fromId = from is not null && query.StartAt is { } start && ReferenceId(start, collection) is { } id ? id : null;
            source = store.WalkIds(collection, first.Descending, fromId, pageSize);
        }
        else
        {
            source = store.WalkField(collection, first.Field.Canonical, first.Descending, from, pageSize);
        }

        var group = new List<(StoredDocument Document, byte[][] Keys)>();
        foreach (var document in source)
        {
            var keys = Keys(query, document);
            if (keys is null)
            {
                continue;
            }

            if (group.Count > 0 && !group[0].Keys[0].AsSpan().SequenceEqual(keys[0]))
            {
                foreach (var item in Flush(query, group))
                {
                    yield return item;
                }
            }

            if (PastEnd(query, keys[0]))
            {
                yield break;
            }

            group.Add((document, keys));
        }

        foreach (var item in Flush(query, group))
        {
            yield return item;
        }
    }

    private static List<StoredDocument> Flush(StructuredQuery query, List<(StoredDocument Document, byte[][] Keys)> group)
    {
        group.Sort((a, b) => Compare(query, a.Keys, b.Keys));
        var documents = group.Select(g => g.Document).ToList();
        group.Clear();
        return documents;
    }

    // The walk can stop once the first ordering value lies beyond the endAt cursor's first value.
    private static bool PastEnd(StructuredQuery query, byte[] firstKey)
    {
        if (query.EndAt is not { } end)
        {
            return false;
        }

        var comparison = ValueKey.Compare(firstKey, end.Keys[0]);
        return (query.OrderBy[0].Descending ? -comparison : comparison) > 0;
    }

    private static string? ReferenceId(Cursor cursor, string collection)
    {
        var key = cursor.Keys[0];
        var prefix = ValueKey.EncodeReference(collection);
        // A reference key is the collection's segments followed by the id segment and an end mark.
        return key.Length > prefix.Length - 2 && key.AsSpan(0, prefix.Length - 2).SequenceEqual(prefix.AsSpan(0, prefix.Length - 2))
            ? DecodeSegment(key.AsSpan(prefix.Length - 2))
            : null;
    }

    private static string? DecodeSegment(ReadOnlySpan<byte> bytes)
    {
        var result = new List<byte>();
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == 0x00)
            {
                if (bytes[i + 1] == 0xFF)
                {
                    result.Add(0x00);
                    i++;
                    continue;
                }

                return System.Text.Encoding.UTF8.GetString([.. result]);
            }

            result.Add(bytes[i]);
        }

        return null;
    }

    private List<StoredDocument>? EqualityLookup(string collection, StructuredQuery query)
    {
        (string Path, int Kind, IReadOnlyList<byte[]> Keys)? best = null;
        var bestCount = EqualityLookupCap;
        foreach (var filter in StructuredQuery.Flatten(query.Where))
        {
            (string, int, IReadOnlyList<byte[]>)? candidate = filter switch
            {
                FieldFilter { Op: "EQUAL" } f when !f.Field.IsDocumentName => (f.Field.Canonical, IndexEntries.ValueEntry, [f.Key]),
                FieldFilter { Op: "IN" } f when !f.Field.IsDocumentName => (f.Field.Canonical, IndexEntries.ValueEntry, f.ListKeys),
                FieldFilter { Op: "ARRAY_CONTAINS" } f => (f.Field.Canonical, IndexEntries.ArrayElementEntry, [f.Key]),
                FieldFilter { Op: "ARRAY_CONTAINS_ANY" } f => (f.Field.Canonical, IndexEntries.ArrayElementEntry, f.ListKeys),
                UnaryFilter { Op: "IS_NULL" } u when !u.Field.IsDocumentName => (u.Field.Canonical, IndexEntries.ValueEntry, [ValueKey.Encode(new JsonObject { ["nullValue"] = null })]),
                _ => null,
            };
            if (candidate is { } c)
            {
                var count = store.CountEntries(collection, c.Item1, c.Item2, c.Item3, bestCount);
                if (count < bestCount)
                {
                    best = c;
                    bestCount = count;
                }
            }
        }

        return best is { } chosen
            ? [.. store.DocumentsWithEntry(collection, chosen.Path, chosen.Kind, chosen.Keys).Where(d => Accepts(query, d))]
            : null;
    }

    private static bool Accepts(StructuredQuery query, StoredDocument document)
    {
        if (Keys(query, document) is not { } keys || (query.Where is { } where && !where.Matches(document)))
        {
            return false;
        }

        if (query.StartAt is { } start)
        {
            var comparison = CompareToCursor(query, keys, start);
            if (start.Before ? comparison < 0 : comparison <= 0)
            {
                return false;
            }
        }

        if (query.EndAt is { } end)
        {
            var comparison = CompareToCursor(query, keys, end);
            if (end.Before ? comparison >= 0 : comparison > 0)
            {
                return false;
            }
        }

        return true;
    }

    // The order keys of a document, or null when it lacks an ordered field (Firestore leaves it out).
    private static byte[][]? Keys(StructuredQuery query, StoredDocument document)
    {
        var keys = new byte[query.OrderBy.Count][];
        for (var i = 0; i < keys.Length; i++)
        {
            if (Filter.ValueOf(document, query.OrderBy[i].Field) is not { } value)
            {
                return null;
            }

            keys[i] = ValueKey.Encode(value);
        }

        return keys;
    }

    private static int Compare(StructuredQuery query, byte[][] left, byte[][] right)
    {
        for (var i = 0; i < left.Length; i++)
        {
            var comparison = ValueKey.Compare(left[i], right[i]);
            if (comparison != 0)
            {
                return query.OrderBy[i].Descending ? -comparison : comparison;
            }
        }

        return 0;
    }

    // Negative: the document comes before the cursor position in result order.
    private static int CompareToCursor(StructuredQuery query, byte[][] keys, Cursor cursor)
    {
        for (var i = 0; i < cursor.Keys.Count; i++)
        {
            var comparison = ValueKey.Compare(keys[i], cursor.Keys[i]);
            if (comparison != 0)
            {
                return query.OrderBy[i].Descending ? -comparison : comparison;
            }
        }

        return 0;
    }
}
