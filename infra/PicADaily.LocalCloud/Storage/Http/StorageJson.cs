using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Storage.Http;

/// <summary>The JSON API resources, in their documented shape: 64-bit numbers as strings, RFC 3339 times.</summary>
public static class StorageJson
{
    public static JsonObject Object(StoredObject o, Uri baseUri)
    {
        var bucket = Uri.EscapeDataString(o.Bucket);
        var name = Uri.EscapeDataString(o.Name);
        var json = new JsonObject
        {
            ["kind"] = "storage#object",
            ["id"] = $"{o.Bucket}/{o.Name}/{Number(o.Generation)}",
            ["selfLink"] = $"{baseUri}storage/v1/b/{bucket}/o/{name}",
            ["mediaLink"] = $"{baseUri}download/storage/v1/b/{bucket}/o/{name}?generation={Number(o.Generation)}&alt=media",
            ["name"] = o.Name,
            ["bucket"] = o.Bucket,
            ["generation"] = Number(o.Generation),
            ["metageneration"] = Number(o.Metageneration),
        };
        if (o.ContentType is not null)
        {
            json["contentType"] = o.ContentType;
        }

        json["storageClass"] = "STANDARD";
        json["size"] = Number(o.Size);
        json["md5Hash"] = o.Md5Hash;
        json["crc32c"] = o.Crc32C;
        json["etag"] = Etag(o.Generation, o.Metageneration);
        json["timeCreated"] = Time(o.TimeCreated);
        json["updated"] = Time(o.Updated);
        json["timeStorageClassUpdated"] = Time(o.TimeCreated);
        foreach (var (key, value) in o.Headers)
        {
            json[key] = value;
        }

        if (o.Metadata.Count > 0)
        {
            json["metadata"] = Map(o.Metadata);
        }

        return json;
    }

    public static JsonObject Bucket(BucketRecord b, Uri baseUri) => new()
    {
        ["kind"] = "storage#bucket",
        ["id"] = b.Name,
        ["selfLink"] = $"{baseUri}storage/v1/b/{Uri.EscapeDataString(b.Name)}",
        ["projectNumber"] = "0",
        ["name"] = b.Name,
        ["timeCreated"] = Time(b.TimeCreated),
        ["updated"] = Time(b.TimeCreated),
        ["metageneration"] = Number(b.Metageneration),
        ["location"] = "US",
        ["locationType"] = "multi-region",
        ["storageClass"] = "STANDARD",
        ["etag"] = Etag(0, b.Metageneration),
    };

    public static JsonObject Notification(NotificationConfig n, Uri baseUri)
    {
        var json = new JsonObject
        {
            ["kind"] = "storage#notification",
            ["id"] = Number(n.Id),
            ["selfLink"] = $"{baseUri}storage/v1/b/{Uri.EscapeDataString(n.Bucket)}/notificationConfigs/{Number(n.Id)}",
            ["topic"] = "//pubsub.googleapis.com/" + n.Topic,
            ["payload_format"] = n.PayloadFormat,
            ["etag"] = Number(n.Id),
        };
        if (n.EventTypes.Count > 0)
        {
            json["event_types"] = new JsonArray([.. n.EventTypes.Select(e => (JsonNode?)JsonValue.Create(e))]);
        }

        if (!string.IsNullOrEmpty(n.ObjectNamePrefix))
        {
            json["object_name_prefix"] = n.ObjectNamePrefix;
        }

        if (n.CustomAttributes.Count > 0)
        {
            json["custom_attributes"] = Map(n.CustomAttributes);
        }

        return json;
    }

    public static JsonObject Error(int code, string reason, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["errors"] = new JsonArray(new JsonObject { ["domain"] = "global", ["reason"] = reason, ["message"] = message }),
        },
    };

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 with milliseconds, as Cloud Storage writes object times.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Changes whenever the generation or metageneration changes.</summary>
    public static string Etag(long generation, long metageneration) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"{Number(generation)}/{Number(metageneration)}"));

    private static JsonObject Map(IReadOnlyDictionary<string, string> values)
    {
        var json = new JsonObject();
        foreach (var (key, value) in values)
        {
            json[key] = value;
        }

        return json;
    }
}
