using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;

using PicADaily.LocalCloud.PubSub.Model;

namespace PicADaily.LocalCloud.PubSub.Delivery;

/// <summary>Builds the HTTP request Pub/Sub push sends: the wrapped JSON envelope, or the raw data with metadata headers.</summary>
public static class PushRequestFactory
{
    public static HttpRequestMessage Create(SubscriptionResource subscription, string endpoint, StoredMessage message, int deliveryAttempt)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Headers.UserAgent.ParseAdd("APIs-Google");
        if (subscription.PushConfig?.NoWrapper is { } noWrapper)
        {
            WriteUnwrapped(request, subscription.Name!, message, noWrapper.WriteMetadata);
        }
        else
        {
            var includeAttempt = subscription.DeadLetterPolicy is not null;
            var content = new ByteArrayContent(Envelope(subscription.Name!, message, includeAttempt ? deliveryAttempt : null));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Content = content;
        }

        return request;
    }

    /// <summary>The wrapped push body Pub/Sub documents, legacy snake_case duplicates included.</summary>
    public static byte[] Envelope(string subscription, StoredMessage message, int? deliveryAttempt)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (message.Data.Length * 4 / 3));
        using (var json = new Utf8JsonWriter(buffer))
        {
            var publishTime = PublishTimes.Format(message.PublishTime);
            json.WriteStartObject();
            json.WriteStartObject("message");
            if (message.Attributes.Count > 0)
            {
                json.WriteStartObject("attributes");
                foreach (var (key, value) in message.Attributes)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            json.WriteBase64String("data", message.Data);
            json.WriteString("messageId", message.MessageId);
            json.WriteString("message_id", message.MessageId);
            json.WriteString("publishTime", publishTime);
            json.WriteString("publish_time", publishTime);
            json.WriteEndObject();
            json.WriteString("subscription", subscription);
            if (deliveryAttempt is { } attempt)
            {
                json.WriteNumber("deliveryAttempt", attempt);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    // §3.2: body = data; with writeMetadata, attributes become headers and metadata x-goog-pubsub-* headers.
    private static void WriteUnwrapped(HttpRequestMessage request, string subscription, StoredMessage message, bool writeMetadata)
    {
        var content = new ByteArrayContent(message.Data);
        request.Content = content;
        if (!writeMetadata)
        {
            return;
        }

        request.Headers.TryAddWithoutValidation("x-goog-pubsub-subscription-name", subscription);
        request.Headers.TryAddWithoutValidation("x-goog-pubsub-message-id", message.MessageId);
        request.Headers.TryAddWithoutValidation("x-goog-pubsub-publish-time", PublishTimes.Format(message.PublishTime));
        foreach (var (key, value) in message.Attributes)
        {
            if (!IsHeaderSafe(key, value))
            {
                continue;
            }

            if (string.Equals(key, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                if (MediaTypeHeaderValue.TryParse(value, out var contentType))
                {
                    content.Headers.ContentType = contentType;
                }
            }
            else if (key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                content.Headers.TryAddWithoutValidation(key, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(key, value);
            }
        }
    }

    // Attribute names that are not header tokens, or values with line breaks, cannot travel as headers.
    private static bool IsHeaderSafe(string key, string value) =>
        key.Length > 0
        && key.All(c => c is > ' ' and < (char)127 and not (':' or '(' or ')' or ',' or '/' or ';' or '<' or '=' or '>' or '?' or '@' or '[' or '\\' or ']' or '{' or '}' or '"'))
        && !value.Any(c => c is '\r' or '\n' or '\0')
        && !string.Equals(key, "Content-Length", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(key, "Host", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(key, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase);
}
