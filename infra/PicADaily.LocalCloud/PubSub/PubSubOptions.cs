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
}
