using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Firestore.State;

/// <summary>A document as stored: normalized fields and microsecond create/update times.</summary>
public sealed record StoredDocument(DocumentPath Path, JsonObject Fields, long CreateTime, long UpdateTime)
{
    /// <summary>The REST <c>Document</c>; with a mask, only the listed field paths are returned.</summary>
    public JsonObject ToJson(IReadOnlyList<FieldPath>? mask = null)
    {
        JsonObject fields;
        if (mask is null)
        {
            fields = (JsonObject)Fields.DeepClone();
        }
        else
        {
            fields = [];
            foreach (var path in mask)
            {
                if (path.Find(Fields) is { } value)
                {
                    path.Set(fields, (JsonObject)value.DeepClone());
                }
            }
        }

        var json = new JsonObject { ["name"] = Path.Name };
        if (fields.Count > 0)
        {
            json["fields"] = fields;
        }

        json["createTime"] = Timestamps.Format(CreateTime);
        json["updateTime"] = Timestamps.Format(UpdateTime);
        return json;
    }
}
