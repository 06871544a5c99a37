using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace PicADaily.Contracts.Events;

/// <summary>The CloudEvents settings shared by encoder and decoder: the JSON formatter and the extensions we use.</summary>
public static class CloudEventFormat
{
    /// <summary>
    /// The distributed-tracing extension (the C# SDK 2.x no longer ships it). It keeps the trace
    /// context of the event's first transmission across Pub/Sub hops.
    /// </summary>
    public static CloudEventAttribute TraceParent { get; } = CloudEventAttribute.CreateExtension("traceparent", CloudEventAttributeType.String);

    public static CloudEventAttribute TraceState { get; } = CloudEventAttribute.CreateExtension("tracestate", CloudEventAttributeType.String);

    public static IReadOnlyList<CloudEventAttribute> Extensions { get; } = [TraceParent, TraceState];

    public static JsonEventFormatter Formatter { get; } = new(ContractsJson.Options, new JsonDocumentOptions());

    public const string JsonContentType = "application/json";
}
