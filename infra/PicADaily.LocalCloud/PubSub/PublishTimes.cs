using PicADaily.Contracts.ProtoJson;

namespace PicADaily.LocalCloud.PubSub;

/// <summary>
/// Publish times as this Pub/Sub writes them: <see cref="ProtoTimestamp"/> at millisecond precision,
/// the precision Google's Pub/Sub shows in its own push and pull responses.
/// </summary>
public static class PublishTimes
{
    public static string Format(DateTimeOffset value) => ProtoTimestamp.Format(ProtoTimestamp.ToMilliseconds(value));
}
