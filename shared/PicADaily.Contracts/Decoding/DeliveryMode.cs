namespace PicADaily.Contracts.Decoding;

/// <summary>The shape an event arrived in.</summary>
public enum DeliveryMode
{
    /// <summary>CloudEvents HTTP binary mode (<c>ce-*</c> headers, body = data), e.g. Eventarc.</summary>
    CloudEventBinary,

    /// <summary>CloudEvents HTTP structured mode (<c>application/cloudevents+json</c> body).</summary>
    CloudEventStructured,

    /// <summary>Pub/Sub push with the default JSON wrapper (<c>{"message":…,"subscription":…}</c>).</summary>
    PubSubPush,

    /// <summary>Pub/Sub push with <c>noWrapper</c>: body = data, attributes as headers, metadata as <c>x-goog-pubsub-*</c>.</summary>
    PubSubPushUnwrapped,

    /// <summary>An Eventarc <c>messagePublished</c> CloudEvent wrapping a Pub/Sub message.</summary>
    EventarcMessagePublished,
}
