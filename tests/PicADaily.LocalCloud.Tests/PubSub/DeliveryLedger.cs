using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

using PicADaily.LocalCloud.Tests.Support;

namespace PicADaily.LocalCloud.Tests.PubSub;

/// <summary>
/// Counts what a subscriber acknowledged, by payload: unique payloads, duplicates, and an
/// order-independent checksum to compare with what the publisher had accepted.
/// </summary>
internal sealed class DeliveryLedger
{
    private readonly ConcurrentDictionary<string, int> acked = new(StringComparer.Ordinal);

    public int Unique => acked.Count;

    public int Duplicates => acked.Values.Sum(n => n - 1);

    public void Record(ReceivedPush push)
    {
        if (push.AnsweredStatus is >= 200 and < 300)
        {
            var data = JsonDocument.Parse(push.Body).RootElement.GetProperty("message").GetProperty("data").GetBytesFromBase64();
            acked.AddOrUpdate(Encoding.UTF8.GetString(data), 1, (_, n) => n + 1);
        }
    }

    public bool Contains(string payload) => acked.ContainsKey(payload);

    public static ulong Checksum(IEnumerable<string> payloads) =>
        payloads.Aggregate(0UL, (sum, p) => sum + Fnv1a(p));

    public ulong Checksum() => Checksum(acked.Keys);

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
