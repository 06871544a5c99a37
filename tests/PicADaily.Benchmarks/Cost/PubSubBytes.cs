using PicADaily.Contracts.PubSub;

namespace PicADaily.Benchmarks.Cost;

/// <summary>
/// Pub/Sub's billed size of a message: the data, each attribute's key and value, 20 bytes of
/// timestamp and the message id (about 16 bytes), with at least 1,000 bytes per publish or push request.
/// </summary>
internal static class PubSubBytes
{
    public const int MinimumPerRequest = 1000;
    private const int TimestampAndId = 20 + 16;

    public static double Of(PubSubMessage message) =>
        message.Data.Length + message.Attributes.Sum(a => a.Key.Length + a.Value.Length) + TimestampAndId;

    public static double Billed(double messageBytes) => Math.Max(MinimumPerRequest, messageBytes);
}
