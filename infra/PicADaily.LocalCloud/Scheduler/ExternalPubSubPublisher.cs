using System.Net.Http.Json;

using PicADaily.LocalCloud.PubSub;

namespace PicADaily.LocalCloud.Scheduler;

/// <summary>
/// Publishes to another Pub/Sub (Google's official emulator, when LocalCloud stands in only for what
/// Google ships no emulator of), through the REST publish call. Chosen by
/// <see cref="PubSubEmulatorHostKey"/> (storage notifications and the schedule) or
/// <see cref="ConfigurationKey"/> (the schedule only), each <c>host:port</c> (the <c>PUBSUB_EMULATOR_HOST</c> shape).
/// </summary>
public sealed class ExternalPubSubPublisher(HttpClient http) : IMessagePublisher
{
    /// <summary>Where the scheduler publishes instead of LocalCloud's own Pub/Sub; unset = LocalCloud's own.</summary>
    public const string ConfigurationKey = "LocalCloud:SchedulerPubSubEmulatorHost";

    /// <summary>
    /// Where everything LocalCloud publishes goes (bucket notifications and the schedule) instead of
    /// its own Pub/Sub, which then holds none of the topology's topics or subscriptions; unset = LocalCloud's own.
    /// </summary>
    public const string PubSubEmulatorHostKey = "LocalCloud:PubSubEmulatorHost";

    public async Task<string> PublishAsync(string topic, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken)
    {
        var request = new PublishRequest([new Message(Convert.ToBase64String(data.Span), attributes.Count == 0 ? null : attributes)]);
        using var response = await http.PostAsJsonAsync($"v1/{topic}:publish", request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"Publishing to {topic} at {http.BaseAddress} failed with {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }

        var published = await response.Content.ReadFromJsonAsync<PublishResponse>(cancellationToken);
        return published?.MessageIds is [var id, ..] ? id : throw new HttpRequestException($"Publishing to {topic} at {http.BaseAddress} returned no message id.");
    }

    /// <summary>A publisher for a <c>host:port</c> (or URL) value, on a client of <paramref name="httpClients"/>.</summary>
    public static ExternalPubSubPublisher Create(IHttpClientFactory httpClients, string emulatorHost)
    {
        var http = httpClients.CreateClient(nameof(ExternalPubSubPublisher));
        http.BaseAddress = new Uri(emulatorHost.Contains("://", StringComparison.Ordinal) ? emulatorHost.TrimEnd('/') + "/" : $"http://{emulatorHost.Trim()}/");
        return new ExternalPubSubPublisher(http);
    }

    private sealed record PublishRequest(IReadOnlyList<Message> Messages);

    private sealed record Message(string Data, IReadOnlyDictionary<string, string>? Attributes);

    private sealed record PublishResponse(IReadOnlyList<string>? MessageIds);
}
