using System.Buffers;
using System.Text.Json;

namespace PicADaily.GoogleCloud.Firestore;

/// <summary>Builds the JSON bodies of Firestore requests (runQuery, commit, create/patch).</summary>
internal static class FirestoreRequestJson
{
    public static byte[] Fields(IReadOnlyDictionary<string, FirestoreValue> fields) => Write(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("fields");
        FirestoreValueJsonConverter.EncodeFields(w, fields);
        w.WriteEndObject();
    });

    public static byte[] RunQuery(FirestoreQuery query) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("structuredQuery");
        w.WriteStartArray("from");
        w.WriteStartObject();
        w.WriteString("collectionId", query.CollectionId);
        w.WriteEndObject();
        w.WriteEndArray();
        if (query.Where is { } where)
        {
            w.WritePropertyName("where");
            WriteFilter(w, where);
        }
        if (query.OrderBy.Count > 0)
        {
            w.WriteStartArray("orderBy");
            foreach (var order in query.OrderBy)
            {
                w.WriteStartObject();
                WriteFieldReference(w, "field", order.FieldPath);
                w.WriteString("direction", order.Direction == FirestoreDirection.Ascending ? "ASCENDING" : "DESCENDING");
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        WriteCursor(w, "startAt", query.StartAt);
        WriteCursor(w, "endAt", query.EndAt);
        if (query.Limit is { } limit)
        {
            w.WriteNumber("limit", limit);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static byte[] Commit(IReadOnlyList<FirestoreWrite> writes, Func<string, string, string> documentName) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("writes");
        foreach (var write in writes)
        {
            w.WriteStartObject();
            var name = documentName(write.CollectionId, write.DocumentId);
            switch (write)
            {
                case UpdateWrite update:
                    w.WriteStartObject("update");
                    w.WriteString("name", name);
                    w.WritePropertyName("fields");
                    FirestoreValueJsonConverter.EncodeFields(w, update.Fields);
                    w.WriteEndObject();
                    if (update.UpdateMask is { } mask)
                    {
                        w.WriteStartObject("updateMask");
                        w.WriteStartArray("fieldPaths");
                        foreach (var path in mask)
                        {
                            w.WriteStringValue(path);
                        }
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }
                    if (update.SetToRequestTime.Count > 0)
                    {
                        w.WriteStartArray("updateTransforms");
                        foreach (var path in update.SetToRequestTime)
                        {
                            w.WriteStartObject();
                            w.WriteString("fieldPath", path);
                            w.WriteString("setToServerValue", "REQUEST_TIME");
                            w.WriteEndObject();
                        }
                        w.WriteEndArray();
                    }
                    break;
                case DeleteWrite:
                    w.WriteString("delete", name);
                    break;
                default:
                    throw new ArgumentException($"Unsupported write {write.GetType().Name}.", nameof(writes));
            }
            if (write.Precondition is { } precondition)
            {
                w.WriteStartObject("currentDocument");
                if (precondition.Exists is { } exists)
                {
                    w.WriteBoolean("exists", exists);
                }
                if (precondition.UpdateTime is { } updateTime)
                {
                    w.WriteString("updateTime", FirestoreTimestamps.FormatPrecise(updateTime));
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteFilter(Utf8JsonWriter w, FirestoreFilter filter)
    {
        w.WriteStartObject();
        switch (filter)
        {
            case FieldFilter f:
                w.WriteStartObject("fieldFilter");
                WriteFieldReference(w, "field", f.FieldPath);
                w.WriteString("op", JsonNamingPolicy.SnakeCaseUpper.ConvertName(f.Op.ToString()));
                w.WritePropertyName("value");
                FirestoreValueJsonConverter.Encode(w, f.Value);
                w.WriteEndObject();
                break;
            case UnaryFilter u:
                w.WriteStartObject("unaryFilter");
                w.WriteString("op", JsonNamingPolicy.SnakeCaseUpper.ConvertName(u.Op.ToString()));
                WriteFieldReference(w, "field", u.FieldPath);
                w.WriteEndObject();
                break;
            case CompositeFilter c:
                w.WriteStartObject("compositeFilter");
                w.WriteString("op", c.Op == CompositeOperator.And ? "AND" : "OR");
                w.WriteStartArray("filters");
                foreach (var inner in c.Filters)
                {
                    WriteFilter(w, inner);
                }
                w.WriteEndArray();
                w.WriteEndObject();
                break;
            default:
                throw new ArgumentException($"Unsupported filter {filter.GetType().Name}.", nameof(filter));
        }
        w.WriteEndObject();
    }

    private static void WriteFieldReference(Utf8JsonWriter w, string member, string fieldPath)
    {
        w.WriteStartObject(member);
        w.WriteString("fieldPath", fieldPath);
        w.WriteEndObject();
    }

    private static void WriteCursor(Utf8JsonWriter w, string member, FirestoreCursor? cursor)
    {
        if (cursor is null)
        {
            return;
        }
        w.WriteStartObject(member);
        w.WriteStartArray("values");
        foreach (var value in cursor.Values)
        {
            FirestoreValueJsonConverter.Encode(w, value);
        }
        w.WriteEndArray();
        w.WriteBoolean("before", cursor.Before);
        w.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
