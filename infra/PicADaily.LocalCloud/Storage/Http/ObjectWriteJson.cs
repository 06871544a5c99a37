using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Storage.Http;

/// <summary>Reads and applies the writable object fields of a JSON API request body.</summary>
public static class ObjectWriteJson
{
    /// <summary>The optional HTTP-ish fields an object carries besides contentType.</summary>
    public static readonly IReadOnlyList<string> HeaderFields = ["cacheControl", "contentDisposition", "contentEncoding", "contentLanguage"];

    public static ObjectWrite Read(JsonObject body, string? fallbackContentType)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in HeaderFields)
        {
            if (StorageHttp.String(body, field) is { } value)
            {
                headers[field] = value;
            }
        }

        var contentType = StorageHttp.String(body, "contentType");
        return new ObjectWrite(string.IsNullOrEmpty(contentType) ? fallbackContentType : contentType, StorageHttp.StringMap(body["metadata"]), headers);
    }

    /// <summary>PATCH: only the fields present change; a null metadata value removes that key, a null metadata removes all.</summary>
    public static StoredObject Patch(StoredObject live, JsonObject body)
    {
        var headers = new Dictionary<string, string>(live.Headers, StringComparer.Ordinal);
        foreach (var field in HeaderFields.Where(body.ContainsKey))
        {
            if (StorageHttp.String(body, field) is { } value)
            {
                headers[field] = value;
            }
            else
            {
                headers.Remove(field);
            }
        }

        var metadata = new Dictionary<string, string>(live.Metadata, StringComparer.Ordinal);
        if (body.ContainsKey("metadata"))
        {
            if (body["metadata"] is JsonObject changes)
            {
                foreach (var (key, value) in changes)
                {
                    if (value is null)
                    {
                        metadata.Remove(key);
                    }
                    else
                    {
                        metadata[key] = value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString();
                    }
                }
            }
            else
            {
                metadata.Clear();
            }
        }

        var contentType = body.ContainsKey("contentType") ? StorageHttp.String(body, "contentType") : live.ContentType;
        return live with { ContentType = contentType, Headers = headers, Metadata = metadata };
    }

    /// <summary>PUT (UpdateObject): the writable fields are replaced by what the body holds.</summary>
    public static StoredObject Replace(StoredObject live, JsonObject body)
    {
        var write = Read(body, null);
        return live with { ContentType = write.ContentType, Headers = write.Headers, Metadata = write.Metadata };
    }
}
