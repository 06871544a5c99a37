using System.Diagnostics;

namespace PicADaily.Contracts.Storage;

/// <summary>
/// The trace a picture belongs to travels with the picture itself: whoever creates the object (the
/// frontend's upload, LocalCloud announcing a dropped file) writes its W3C <c>traceparent</c> into the
/// object's custom metadata. Cloud Storage notifications (JSON_API_V1) and Eventarc carry that metadata,
/// so every service that reacts to the picture can continue the same trace, on Google Cloud too.
/// </summary>
public static class PictureTrace
{
    /// <summary>Custom metadata key of the W3C traceparent of the trace the picture was created in.</summary>
    public const string TraceParentKey = "traceparent";

    /// <summary>Custom metadata key of the W3C tracestate that goes with it (rarely set).</summary>
    public const string TraceStateKey = "tracestate";

    /// <summary>The traceparent of <paramref name="activity"/> when it is a W3C one, for writing into metadata.</summary>
    public static string? TraceParentOf(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C } ? activity.Id : null;

    /// <summary>The trace context recorded in an object's custom metadata, when there is a valid one.</summary>
    public static bool TryRead(IReadOnlyDictionary<string, string>? metadata, out ActivityContext context)
    {
        context = default;
        if (metadata is null || !metadata.TryGetValue(TraceParentKey, out var traceParent))
        {
            return false;
        }

        metadata.TryGetValue(TraceStateKey, out var traceState);
        return TryParse(traceParent, traceState, out context);
    }

    /// <summary>A valid W3C traceparent (an all-zero trace id is not one).</summary>
    public static bool TryParse(string? traceParent, string? traceState, out ActivityContext context)
    {
        context = default;
        return !string.IsNullOrEmpty(traceParent)
            && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out context)
            && context.TraceId != default;
    }

    /// <summary>The 32-hex-digit trace id of a traceparent, or null when it is not a valid one.</summary>
    public static string? TraceIdOf(string? traceParent) =>
        TryParse(traceParent, null, out var context) ? context.TraceId.ToHexString() : null;
}
