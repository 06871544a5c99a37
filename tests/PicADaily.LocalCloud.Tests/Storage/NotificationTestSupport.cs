using System.Globalization;

using Google.Cloud.Storage.V1;

using Notification = Google.Apis.Storage.v1.Data.Notification;

namespace PicADaily.LocalCloud.Tests.Storage;

/// <summary>Shared steps and checks of the notification tests.</summary>
public static class NotificationTestSupport
{
    public const string Topic = "projects/picadaily-local/topics/picture-events";

    public static async Task<Notification> CreateBucketWithNotificationAsync(StorageClient client, string bucket, string payloadFormat = "JSON_API_V1",
        IList<string>? eventTypes = null, string? prefix = null, IDictionary<string, string>? customAttributes = null)
    {
        await client.CreateBucketAsync("picadaily-local", bucket);
        return await client.CreateNotificationAsync(bucket, new Notification
        {
            Topic = Topic,
            PayloadFormat = payloadFormat,
            EventTypes = eventTypes,
            ObjectNamePrefix = prefix,
            CustomAttributes = customAttributes,
        });
    }

    public static string Generation(long? generation) => generation!.Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The attributes every storage notification carries, checked exactly.</summary>
    public static void AssertAttributes(PublishedMessage message, string eventType, string bucket, string objectId, long? generation, string configId,
        string payloadFormat = "JSON_API_V1", (string Name, long? Generation)? related = null, IDictionary<string, string>? custom = null)
    {
        var expected = new Dictionary<string, string>(custom ?? new Dictionary<string, string>())
        {
            ["notificationConfig"] = $"projects/_/buckets/{bucket}/notificationConfigs/{configId}",
            ["eventType"] = eventType,
            ["payloadFormat"] = payloadFormat,
            ["bucketId"] = bucket,
            ["objectId"] = objectId,
            ["objectGeneration"] = Generation(generation),
            ["eventTime"] = message.Attributes["eventTime"],
        };
        if (related is { } r)
        {
            expected[r.Name] = Generation(r.Generation);
        }

        Assert.Equal(Topic, message.Topic);
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), message.Attributes.OrderBy(p => p.Key, StringComparer.Ordinal));
        var eventTime = DateTimeOffset.Parse(message.Attributes["eventTime"], CultureInfo.InvariantCulture);
        Assert.EndsWith("Z", message.Attributes["eventTime"], StringComparison.Ordinal);
        Assert.InRange(eventTime, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddSeconds(5));
    }

    public static void AssertPayloadIsObject(PublishedMessage message, string bucket, string name, long? generation, long size)
    {
        var payload = message.Payload;
        Assert.Equal("storage#object", payload["kind"]!.GetValue<string>());
        Assert.Equal(bucket, payload["bucket"]!.GetValue<string>());
        Assert.Equal(name, payload["name"]!.GetValue<string>());
        Assert.Equal(Generation(generation), payload["generation"]!.GetValue<string>());
        Assert.Equal(size.ToString(CultureInfo.InvariantCulture), payload["size"]!.GetValue<string>());
        Assert.Equal($"{bucket}/{name}/{Generation(generation)}", payload["id"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(payload["md5Hash"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(payload["crc32c"]!.GetValue<string>()));
        Assert.NotNull(payload["metageneration"]!.GetValue<string>());
    }
}
