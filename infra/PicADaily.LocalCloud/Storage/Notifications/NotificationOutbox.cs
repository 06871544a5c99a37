using System.Globalization;
using System.Text;

namespace PicADaily.LocalCloud.Storage.Notifications;

/// <summary>
/// Turns an object change into one Pub/Sub message per matching notification config, written to
/// the outbox inside the same index transaction as the change (attributes as Cloud Storage's Pub/Sub notifications document them; see docs/wire-formats.md).
/// </summary>
public sealed class NotificationOutbox(PublicEndpoint endpoint)
{
    public const string Finalize = "OBJECT_FINALIZE";
    public const string MetadataUpdate = "OBJECT_METADATA_UPDATE";
    public const string Delete = "OBJECT_DELETE";
    public const string Archive = "OBJECT_ARCHIVE";

    public static readonly IReadOnlyList<string> EventTypes = [Finalize, MetadataUpdate, Delete, Archive];

    /// <summary>A new generation, and for an overwrite the removal of the one it replaced.</summary>
    public void RecordNewGeneration(IndexSession session, StoredObject? replaced, StoredObject created, DateTimeOffset eventTime)
    {
        if (replaced is null)
        {
            Record(session, Finalize, created, eventTime, null);
            return;
        }

        Record(session, Finalize, created, eventTime, ("overwroteGeneration", replaced.Generation));
        Record(session, Delete, replaced, eventTime, ("overwrittenByGeneration", created.Generation));
    }

    public void Record(IndexSession session, string eventType, StoredObject o, DateTimeOffset eventTime, (string Name, long Generation)? related)
    {
        var configs = session.ListNotifications(o.Bucket).Where(c => c.Matches(eventType, o.Name)).ToList();
        if (configs.Count == 0)
        {
            return;
        }

        var payload = Encoding.UTF8.GetBytes(StorageJson.Object(o, endpoint.BaseUri).ToJsonString());
        foreach (var config in configs)
        {
            var attributes = new Dictionary<string, string>(config.CustomAttributes)
            {
                ["notificationConfig"] = config.Name,
                ["eventType"] = eventType,
                ["payloadFormat"] = config.PayloadFormat,
                ["bucketId"] = o.Bucket,
                ["objectId"] = o.Name,
                ["objectGeneration"] = StorageJson.Number(o.Generation),
                ["eventTime"] = eventTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            };
            if (related is { } r)
            {
                attributes[r.Name] = StorageJson.Number(r.Generation);
            }

            session.AddToOutbox(config.Topic, attributes, config.PayloadFormat == "NONE" ? [] : payload);
        }
    }
}
