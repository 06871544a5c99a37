using System.Text.Json;

namespace PicADaily.Contracts.Decoding;

/// <summary>
/// Turns any delivery shape Google Cloud (or LocalCloud) uses into one typed <see cref="InboundEvent"/>:
/// CloudEvents HTTP binary and structured; Pub/Sub push, wrapped or unwrapped with write-metadata,
/// carrying a Cloud Storage notification (JSON_API_V1 or NONE), one of our CloudEvents (Pub/Sub
/// binding, binary or structured) or a plain message; and Eventarc <c>messagePublished</c>.
/// Malformed input yields an error naming what is wrong, never an exception.
/// </summary>
public static class EventDecoder
{
    private const string SpecVersionHeader = "ce-specversion";
    private const string BatchContentTypePrefix = "application/cloudevents-batch";
    private const string StructuredContentTypePrefix = "application/cloudevents";
    private const string PubSubMetadataPrefix = "x-goog-pubsub-";
    private const string MessageIdHeader = "x-goog-pubsub-message-id";
    private const string SubscriptionHeader = "x-goog-pubsub-subscription-name";
    private const string PublishTimeHeader = "x-goog-pubsub-publish-time";

    public static DecodeResult Decode(DeliveryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return DecodeResult.Success(DecodeOrThrow(request));
        }
        catch (EventDecodeException e)
        {
            return DecodeResult.Failure(e.Message);
        }
    }

    private static InboundEvent DecodeOrThrow(DeliveryRequest request)
    {
        var contentType = request.ContentType;
        var unwrappedPush = request.Header(MessageIdHeader) is not null || request.Header(SubscriptionHeader) is not null;
        var pushDelivery = new DeliveryInfo(
            DeliveryMode.PubSubPushUnwrapped,
            MessageId: request.Header(MessageIdHeader),
            Subscription: request.Header(SubscriptionHeader));

        if (contentType is not null && contentType.StartsWith(BatchContentTypePrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new EventDecodeException("batched CloudEvents are not accepted; send one event per request");
        }

        if (contentType is not null && contentType.StartsWith(StructuredContentTypePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var cloudEvent = CloudEventReader.ReadStructured(request.Body, contentType);
            return CloudEventInterpreter.Interpret(cloudEvent, unwrappedPush ? pushDelivery : new DeliveryInfo(DeliveryMode.CloudEventStructured));
        }

        if (request.Header(SpecVersionHeader) is not null)
        {
            var cloudEvent = CloudEventReader.ReadBinary(request.Headers, contentType, request.Body, percentEncoded: true);
            return CloudEventInterpreter.Interpret(cloudEvent, unwrappedPush ? pushDelivery : new DeliveryInfo(DeliveryMode.CloudEventBinary));
        }

        if (unwrappedPush)
        {
            var message = new PubSubMessageParts(
                request.Body,
                UnwrappedAttributes.FromHeaders(request.Headers),
                pushDelivery.MessageId,
                ParseTime(request.Header(PublishTimeHeader)));
            return PubSubMessageDecoder.Decode(message, pushDelivery);
        }

        if (PubSubEnvelopeReader.LooksLikeEnvelope(request.Body))
        {
            using var document = JsonDocument.Parse(request.Body);
            var (message, subscription, attempt) = PubSubEnvelopeReader.Read(document.RootElement);
            return PubSubMessageDecoder.Decode(message, new DeliveryInfo(DeliveryMode.PubSubPush, message.MessageId, subscription, attempt));
        }

        throw new EventDecodeException(
            "not an event: no ce-specversion header, no application/cloudevents content type, no x-goog-pubsub-* metadata, and the body is not a Pub/Sub push envelope with a 'message' member");
    }

    private static DateTimeOffset? ParseTime(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    /// <summary>With noWrapper + writeMetadata, each attribute arrives as a plain header; tell them from HTTP's own headers.</summary>
    private static class UnwrappedAttributes
    {
        private static readonly HashSet<string> HttpHeaders = new(StringComparer.OrdinalIgnoreCase)
        {
            "Host", "Content-Type", "Content-Length", "Content-Encoding", "Transfer-Encoding", "Connection", "Keep-Alive",
            "User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Authorization", "From", "Forwarded", "Via",
            "Expect", "TE", "Upgrade", "traceparent", "tracestate", "baggage", "X-Cloud-Trace-Context",
            "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Port", "X-Request-Id",
        };

        public static Dictionary<string, string> FromHeaders(IReadOnlyDictionary<string, string> headers)
        {
            var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in headers)
            {
                if (!HttpHeaders.Contains(name) && !name.StartsWith(PubSubMetadataPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    attributes[name] = value;
                }
            }

            return attributes;
        }
    }
}
