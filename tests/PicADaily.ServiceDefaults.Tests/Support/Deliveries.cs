using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PicADaily.Contracts.PubSub;

namespace PicADaily.ServiceDefaults.Tests.Support;

/// <summary>The same storage change (FINALIZE of pictures/cat.png#42) in every delivery shape Google uses.</summary>
public static class Deliveries
{
    public const string Bucket = "pictures";
    public const string Name = "cat.png";
    public const long Generation = 42;

    private static readonly string ObjectJson = JsonSerializer.Serialize(new
    {
        kind = "storage#object",
        bucket = Bucket,
        name = Name,
        generation = Generation.ToString(System.Globalization.CultureInfo.InvariantCulture),
        contentType = "image/png",
        size = "10",
    });

    private static readonly Dictionary<string, string> NotificationAttributes = new()
    {
        ["bucketId"] = Bucket,
        ["objectId"] = Name,
        ["objectGeneration"] = "42",
        ["eventType"] = "OBJECT_FINALIZE",
        ["payloadFormat"] = "JSON_API_V1",
        ["eventTime"] = "2024-01-01T10:00:00Z",
    };

    public static TheoryData<string> StorageFinalizeModes() =>
        new("eventarc-binary", "eventarc-structured", "pubsub-push", "pubsub-push-payload-none", "pubsub-push-unwrapped", "eventarc-message-published");

    public static HttpRequestMessage StorageFinalize(string mode) => mode switch
    {
        "eventarc-binary" => Binary(ObjectJson, new()
        {
            ["ce-specversion"] = "1.0",
            ["ce-id"] = "evt-1",
            ["ce-type"] = "google.cloud.storage.object.v1.finalized",
            ["ce-source"] = "//storage.googleapis.com/projects/_/buckets/pictures",
            ["ce-subject"] = "objects/cat.png",
        }),
        "eventarc-structured" => Json("application/cloudevents+json", JsonSerializer.Serialize(new
        {
            specversion = "1.0",
            id = "evt-2",
            type = "google.cloud.storage.object.v1.finalized",
            source = "//storage.googleapis.com/projects/_/buckets/pictures",
            subject = "objects/cat.png",
            datacontenttype = "application/json",
            data = JsonDocument.Parse(ObjectJson).RootElement,
        })),
        "pubsub-push" => Json("application/json", Envelope(ObjectJson, NotificationAttributes)),
        "pubsub-push-payload-none" => Json("application/json", Envelope("", new Dictionary<string, string>(NotificationAttributes) { ["payloadFormat"] = "NONE" })),
        "pubsub-push-unwrapped" => Binary(ObjectJson, new Dictionary<string, string>(NotificationAttributes)
        {
            ["x-goog-pubsub-message-id"] = "m-9",
            ["x-goog-pubsub-subscription-name"] = "projects/p/subscriptions/s",
            ["x-goog-pubsub-publish-time"] = "2024-01-01T10:00:00Z",
        }),
        "eventarc-message-published" => Binary(Envelope(ObjectJson, NotificationAttributes), new()
        {
            ["ce-specversion"] = "1.0",
            ["ce-id"] = "evt-3",
            ["ce-type"] = "google.cloud.pubsub.topic.v1.messagePublished",
            ["ce-source"] = "//pubsub.googleapis.com/projects/p/topics/picture-events",
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>The FINALIZE notification (JSON_API_V1, wrapped push) of an object with this custom metadata.</summary>
    public static HttpRequestMessage StorageFinalizeWithMetadata(IReadOnlyDictionary<string, string> metadata) =>
        Json("application/json", Envelope(
            JsonSerializer.Serialize(new { kind = "storage#object", bucket = Bucket, name = Name, generation = "42", contentType = "image/png", size = "10", metadata }),
            NotificationAttributes));

    /// <summary>A Pub/Sub push envelope around a message as published (e.g. one of our encoded CloudEvents).</summary>
    public static HttpRequestMessage Push(PubSubMessage message) =>
        Json("application/json", JsonSerializer.Serialize(new
        {
            message = new { data = Convert.ToBase64String(message.Data.Span), attributes = message.Attributes, messageId = "m-1", publishTime = "2024-01-01T10:00:00Z" },
            subscription = "projects/p/subscriptions/s",
            deliveryAttempt = 1,
        }));

    private static string Envelope(string data, Dictionary<string, string> attributes) => JsonSerializer.Serialize(new
    {
        message = new
        {
            data = Convert.ToBase64String(Encoding.UTF8.GetBytes(data)),
            attributes,
            messageId = "m-1",
            publishTime = "2024-01-01T10:00:00Z",
        },
        subscription = "projects/p/subscriptions/s",
        deliveryAttempt = 2,
    });

    private static HttpRequestMessage Binary(string body, Dictionary<string, string> headers)
    {
        var request = Json("application/json", body);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static HttpRequestMessage Json(string contentType, string body) => new(HttpMethod.Post, "/events")
    {
        Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType.Split(';')[0])),
    };
}
