using System.Text.Json;

namespace PicADaily.EndToEnd.Tests.Batch;

/// <summary>What LocalCloud's push delivery did for one subscription, read from <c>/localcloud/status</c>.</summary>
public sealed record DeliveryStatus(string Subscription, long Delivered, long Redelivered, long Busy, long Unavailable, long DeadLettered, int PushWindow)
{
    public static async Task<IReadOnlyList<DeliveryStatus>> ReadAsync(HttpClient localCloud)
    {
        using var status = JsonDocument.Parse(await localCloud.GetStringAsync("localcloud/status"));
        return status.RootElement.GetProperty("subscriptions").EnumerateArray()
            .Select(s => new DeliveryStatus(
                s.GetProperty("name").GetString()!.Split('/')[^1],
                s.GetProperty("delivered").GetInt64(),
                s.GetProperty("redelivered").GetInt64(),
                NacksWith(s, "429"),
                NacksWith(s, "503"),
                s.GetProperty("deadLettered").GetInt64(),
                s.GetProperty("pushWindow").GetInt32()))
            .ToList();
    }

    public override string ToString() =>
        $"{Subscription}: {Delivered} pushes, {Redelivered} redeliveries, {Busy} answered 429, {Unavailable} answered 503, {DeadLettered} dead-lettered, window {PushWindow}";

    private static long NacksWith(JsonElement subscription, string status) =>
        subscription.GetProperty("nacksByStatus").TryGetProperty(status, out var count) ? count.GetInt64() : 0;
}
