using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Firestore.Query;

/// <summary>
/// Runs a structured query against the store without scanning the collection.
/// <para>
/// Plan: the equality-type filters that an index entry decides exactly (EQUAL and ARRAY_CONTAINS in
/// the top-level AND) go down to SQLite. If one of them matches few documents (counted, capped at
/// <see cref="DriverCap"/>), the walk starts from its entries and sorts those few by the first
/// ordering (the rare-label case). Otherwise it follows the first ordering's index from the startAt
/// cursor and checks the equalities per entry with point lookups, stopping once offset + limit
/// documents pass (the gallery: cost grows with the page, not the collection). Every returned
/// document is still checked against all filters and cursors in memory, so the index only chooses
/// candidates and never decides the result.
/// </para>
/// </summary>
public sealed class QueryExecutor(FirestoreStore store)
{
    private const int DriverCap = 1_000;

    /// <param name="parent">The database root or a document name (for a subcollection).</param>
    public List<StoredDocument> Execute(string parent, StructuredQuery query)
    {
        var collection = parent + "/" + query.CollectionId;
        var needed = query.Limit is { } limit ? (long)query.Offset + limit : long.MaxValue;
        var accepted = new List<StoredDocument>();
        if (needed == 0)
        {
            return accepted;
        }

        var pageSize = (int)Math.Clamp(needed + 8, 32, 512);
        foreach (var document in Walk(Plan(collection, query, needed), query, pageSize))
        {
            if (Accepts(query, document))
            {
                accepted.Add(document);
                if (accepted.Count >= needed)
                {
                    break;
                }
            }
        }

        return [.. accepted.Skip(query.Offset)];
    }

    private WalkPlan Plan(string collection, StructuredQuery query, long needed)
    {
        var required = StructuredQuery.Flatten(query.Where)
            .Select(filter => filter switch
            {
                FieldFilter { Op: "EQUAL" } f when !f.Field.IsDocumentName => new IndexEntry(f.Field.Canonical, IndexEntries.ValueEntry, f.Key),
                FieldFilter { Op: "ARRAY_CONTAINS" } f => new IndexEntry(f.Field.Canonical, IndexEntries.ArrayElementEntry, f.Key),
                _ => null,
            })
            .OfType<IndexEntry>()
            .DistinctBy(e => (e.Path, e.Kind, Convert.ToHexString(e.Key)))
            .ToList();

        var first = query.OrderBy[0];
        IndexEntry? driver = null;
        var fewest = DriverCap;
        foreach (var entry in required)
        {
            var count = store.CountEntries(collection, entry, fewest);
            if (count < fewest)
            {
                driver = entry;
                fewest = count;
            }
        }

        // Sorting the driver's k documents costs about k; walking the order index costs about
        // needed x n / k entries (n documents with the order field). Drive only when k*k < needed*n;
        // n is counted no further than that bound. An id order needs no sort, so it always drives.
        if (driver is not null && !first.Field.IsDocumentName && needed < long.MaxValue)
        {
            var bound = ((long)fewest * fewest / needed) + 1;
            if (store.CountField(collection, first.Field.Canonical, bound) < bound)
            {
                driver = null;
            }
        }

        var from = query.StartAt?.Keys[0];
        return new WalkPlan(
            collection,
            first.Field.IsDocumentName ? null : first.Field.Canonical,
            first.Descending,
            first.Field.IsDocumentName ? null : from,
            first.Field.IsDocumentName && query.StartAt is { } start ? ReferenceId(start, collection) : null,
            driver,
            [.. required.Where(e => !ReferenceEquals(e, driver))]);
    }

    /// <summary>Documents in result order (by the first ordering; ties re-sorted by the full ordering).</summary>
    private IEnumerable<StoredDocument> Walk(WalkPlan plan, StructuredQuery query, int pageSize)
    {
        var group = new List<(StoredDocument Document, byte[][] Keys)>();
        foreach (var document in store.Walk(plan, pageSize))
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
