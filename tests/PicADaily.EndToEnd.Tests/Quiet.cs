using System.Net.Http.Json;
using System.Text.Json;
using PicADaily.Testing;

namespace PicADaily.EndToEnd.Tests;

/// <summary>Bounded waits on the state of the system, never fixed sleeps.</summary>
public static class Quiet
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Polls <paramref name="condition"/> until it holds, failing with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        Eventually.UntilAsync(condition, timeout, what, PollInterval);

    /// <summary>Waits until no push subscription has a backlog or a delivery in flight (the system has gone quiet).</summary>
    public static Task UntilNoDeliveryPendingAsync(HttpClient localCloud, TimeSpan timeout) =>
        UntilAsync(
            async () =>
            {
                using var status = JsonDocument.Parse(await localCloud.GetStringAsync("localcloud/status"));
                return status.RootElement.GetProperty("subscriptions").EnumerateArray()
                    .Where(s => s.GetProperty("pushEndpoint").ValueKind == JsonValueKind.String)
                    .All(s => s.GetProperty("backlog").GetInt32() == 0 && s.GetProperty("inFlight").GetInt32() == 0);
            },
            timeout,
            "every push subscription drained");
}
