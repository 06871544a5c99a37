using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Firestore.State;

/// <summary>
/// The single-field index entries of a document, as Firestore keeps them automatically: one per
/// field path (nested map fields included) holding the value's order key, and one per distinct
/// array element (what ARRAY_CONTAINS looks up).
/// </summary>
public static class IndexEntries
{
    public const int ValueEntry = 0;
    public const int ArrayElementEntry = 1;

    public static List<(string Path, int Kind, byte[] Key)> For(JsonObject fields)
    {
        var entries = new List<(string, int, byte[])>();
        Add(entries, [], fields);
        return entries;
    }

    private static void Add(List<(string, int, byte[])> entries, List<string> prefix, JsonObject fields)
    {
        foreach (var (name, node) in fields)
        {
            var value = (JsonObject)node!;
            List<string> segments = [.. prefix, name];
            var path = FieldPath.FromSegments(segments).Canonical;
            entries.Add((path, ValueEntry, ValueKey.Encode(value)));
            if (value["arrayValue"]?["values"] is JsonArray items)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in items)
                {
                    var key = ValueKey.Encode((JsonObject)item!);
                    if (seen.Add(Convert.ToHexString(key)))
                    {
                        entries.Add((path, ArrayElementEntry, key));
                    }
                }
            }
            else if (value["mapValue"]?["fields"] is JsonObject inner)
            {
                Add(entries, segments, inner);
            }
        }
    }
}
