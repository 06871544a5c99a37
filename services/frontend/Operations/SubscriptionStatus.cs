using System.Text.Json;

namespace PicADaily.Frontend.Operations;

/// <summary>A subscription's queue as the environment reports it.</summary>
public sealed record SubscriptionBacklog(string Name, string Topic, long Backlog, long InFlight, long DeadLettered);

/// <summary>
/// Each subscription's backlog and dead-letter count, where the environment exposes them: LocalCloud
/// answers <c>GET /localcloud/status</c> at its Pub/Sub address. Google's Pub/Sub emulator has no
/// such view; on Google Cloud the same figures are the Cloud Monitoring metrics
/// <c>pubsub.googleapis.com/subscription/num_undelivered_messages</c> and
/// <c>subscription/dead_letter_message_count</c> (see <see cref="GoogleCloudMetricsUrl"/>).
/// </summary>
public sealed class SubscriptionStatus(HttpClient http, IConfiguration configuration, ILogger<SubscriptionStatus> logger)
{
    public const string GoogleCloudMetricsUrl = "https://cloud.google.com/pubsub/docs/monitoring";

    /// <summary>The figures, or null when this environment does not expose them.</summary>
    public async Task<IReadOnlyList<SubscriptionBacklog>?> GetAsync(CancellationToken cancellationToken)
    {
        if (configuration["PUBSUB_EMULATOR_HOST"] is not { Length: > 0 } host)
        {
            return null;
        }

        try
        {
            using var response = await http.GetAsync(new Uri($"http://{host}/localcloud/status"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return json.RootElement.GetProperty("subscriptions").EnumerateArray().Select(s => new SubscriptionBacklog(
                s.GetProperty("name").GetString() ?? "",
                s.GetProperty("topic").GetString() ?? "",
                s.GetProperty("backlog").GetInt64(),
                s.GetProperty("inFlight").GetInt64(),
                s.GetProperty("deadLettered").GetInt64())).ToList();
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Google's emulator (or no LocalCloud at that address): the page says where to look instead.
            logger.LogInformation(e, "No subscription status at {PubSubHost}", host);
            return null;
        }
    }
}
