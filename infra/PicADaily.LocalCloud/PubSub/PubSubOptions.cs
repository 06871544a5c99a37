namespace PicADaily.LocalCloud.PubSub;

/// <summary>Tuning of LocalCloud's Pub/Sub. Bound from configuration section <c>LocalCloud:PubSub</c>.</summary>
public sealed class PubSubOptions
{
    public const string SectionName = "LocalCloud:PubSub";

    /// <summary>
    /// Ceiling of a subscription's push window: the most push requests in flight at once. The window
    /// itself starts at one and adapts to how the endpoint answers (see <c>Delivery.PushWindow</c>).
    /// </summary>
    public int PushConcurrency { get; set; } = 32;

    /// <summary>
    /// When set (e.g. <c>"0.1s"</c>), replaces the minimum backoff of every topology subscription,
    /// so tests and demos need not wait Google's 10 s.
    /// </summary>
    public string? RetryMinimumBackoffOverride { get; set; }

    /// <summary>When set, replaces the maximum backoff of every topology subscription.</summary>
    public string? RetryMaximumBackoffOverride { get; set; }
}
