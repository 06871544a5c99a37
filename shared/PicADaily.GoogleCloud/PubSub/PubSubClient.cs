using System.Text.Json;

using PicADaily.Contracts.PubSub;
using PicADaily.GoogleCloud.Auth;
using PicADaily.GoogleCloud.Errors;
using PicADaily.GoogleCloud.Http;

namespace PicADaily.GoogleCloud.PubSub;

/// <summary>
/// Pub/Sub REST v1 (<c>https://pubsub.googleapis.com/v1/</c>, or <c>http://{PUBSUB_EMULATOR_HOST}/v1/</c>
/// without a token).
/// </summary>
public sealed class PubSubClient : IPubSubPublisher, IPubSubAdmin
{
    /// <summary>Pub/Sub's limit on messages per publish request.</summary>
    public const int MaxMessagesPerRequest = 1000;

    private readonly GoogleApiTransport _transport;
    private readonly string _project;

    /// <summary>Creates the client; <paramref name="http"/> should carry the resilience handler (see DI).</summary>
    public PubSubClient(HttpClient http, GoogleCloudOptions options, IGoogleAccessTokenSource tokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        _project = options.RequireProjectId();
        _transport = new GoogleApiTransport(http, GoogleApiEndpoint.Resolve(options.PubSubEmulatorHost, options.PubSubEndpoint), tokens, options);
    }

    /// <inheritdoc />
    public string TopicName(string topicId) => $"projects/{_project}/topics/{PubSubIds.Check(topicId, "topic")}";

    /// <inheritdoc />
    public string SubscriptionName(string subscriptionId) => $"projects/{_project}/subscriptions/{PubSubIds.Check(subscriptionId, "subscription")}";

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> PublishAsync(string topicId, IReadOnlyList<PubSubMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        PubSubIds.Check(topicId, "topic");
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].Data.IsEmpty && messages[i].Attributes.Count == 0)
            {
                throw new ArgumentException($"Message {i} has neither data nor attributes; Pub/Sub rejects such messages.", nameof(messages));
            }
        }
        var ids = new List<string>(messages.Count);
        foreach (var chunk in messages.Chunk(MaxMessagesPerRequest))
        {
            var body = GoogleJson.Serialize(new PublishRequest(chunk.Select(m => new WireMessage(
                Convert.ToBase64String(m.Data.Span),
                m.Attributes.Count == 0 ? null : m.Attributes)).ToList()));
            // Publish is retried on transient failures although it is not idempotent: a lost response
            // can mean the message was stored, so a retry may publish it twice. That is acceptable
            // because delivery is at-least-once anyway and every consumer dedupes (by object
            // generation / CloudEvent id); losing an event would not be.
            var response = await _transport.SendAsync(HttpMethod.Post, $"v1/{TopicPath(topicId)}:publish", body,
                RetryMode.OnTransientFailure, $"Publish to topic {topicId}", cancellationToken).ConfigureAwait(false);
            var published = GoogleJson.Deserialize<PublishResponse>(response, "Publish");
            if (published.MessageIds is null || published.MessageIds.Count != chunk.Length)
            {
                throw new GoogleApiRequestException(GoogleApiErrorKind.Other, null, null,
                    $"Publish to topic {topicId} returned {published.MessageIds?.Count ?? 0} ids for {chunk.Length} messages.");
            }
            ids.AddRange(published.MessageIds);
        }
        return ids;
    }

    /// <inheritdoc />
    public async Task<PubSubTopic> CreateTopicAsync(string topicId, CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(HttpMethod.Put, $"v1/{TopicPath(topicId)}", "{}"u8.ToArray(),
            RetryMode.Never, $"Create topic {topicId}", cancellationToken).ConfigureAwait(false);
        return GoogleJson.Deserialize<PubSubTopic>(response, "Create topic");
    }

    /// <inheritdoc />
    public async Task<PubSubTopic> EnsureTopicAsync(string topicId, CancellationToken cancellationToken)
    {
        try
        {
            return await CreateTopicAsync(topicId, cancellationToken).ConfigureAwait(false);
        }
        catch (GoogleApiRequestException e) when (e.Kind == GoogleApiErrorKind.AlreadyExists)
        {
            return await GetTopicAsync(topicId, cancellationToken).ConfigureAwait(false)
                ?? throw new GoogleApiRequestException(GoogleApiErrorKind.Aborted, null, null, $"Topic {topicId} was deleted while being ensured.", e);
        }
    }

    /// <inheritdoc />
    public async Task<PubSubTopic?> GetTopicAsync(string topicId, CancellationToken cancellationToken)
    {
        var response = await GetOrNullAsync($"v1/{TopicPath(topicId)}", $"Get topic {topicId}", cancellationToken).ConfigureAwait(false);
        return response is { } found ? GoogleJson.Deserialize<PubSubTopic>(found, "Get topic") : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PubSubTopic>> ListTopicsAsync(CancellationToken cancellationToken) =>
        await ListAsync<TopicPage, PubSubTopic>($"v1/projects/{GoogleJson.Segment(_project)}/topics", p => (p.Topics, p.NextPageToken), "List topics", cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task DeleteTopicAsync(string topicId, CancellationToken cancellationToken) =>
        _transport.SendAsync(HttpMethod.Delete, $"v1/{TopicPath(topicId)}", null, RetryMode.Never, $"Delete topic {topicId}", cancellationToken);

    /// <inheritdoc />
    public async Task<PubSubSubscription> CreateSubscriptionAsync(string subscriptionId, PubSubSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (string.IsNullOrEmpty(subscription.Topic))
        {
            throw new ArgumentException("A subscription needs a topic.", nameof(subscription));
        }
        var body = GoogleJson.Serialize(subscription with
        {
            Name = null,
            Topic = QualifyTopic(subscription.Topic),
            DeadLetterPolicy = QualifyDeadLetterTopic(subscription.DeadLetterPolicy),
        });
        var response = await _transport.SendAsync(HttpMethod.Put, $"v1/{SubscriptionPath(subscriptionId)}", body,
            RetryMode.Never, $"Create subscription {subscriptionId}", cancellationToken).ConfigureAwait(false);
        return GoogleJson.Deserialize<PubSubSubscription>(response, "Create subscription");
    }

    /// <inheritdoc />
    public async Task<PubSubSubscription> EnsureSubscriptionAsync(string subscriptionId, PubSubSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            return await CreateSubscriptionAsync(subscriptionId, subscription, cancellationToken).ConfigureAwait(false);
        }
        catch (GoogleApiRequestException e) when (e.Kind == GoogleApiErrorKind.AlreadyExists)
        {
            return await GetSubscriptionAsync(subscriptionId, cancellationToken).ConfigureAwait(false)
                ?? throw new GoogleApiRequestException(GoogleApiErrorKind.Aborted, null, null, $"Subscription {subscriptionId} was deleted while being ensured.", e);
        }
    }

    /// <inheritdoc />
    public async Task<PubSubSubscription?> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var response = await GetOrNullAsync($"v1/{SubscriptionPath(subscriptionId)}", $"Get subscription {subscriptionId}", cancellationToken).ConfigureAwait(false);
        return response is { } found ? GoogleJson.Deserialize<PubSubSubscription>(found, "Get subscription") : null;
    }

    /// <inheritdoc />
    public async Task<PubSubSubscription> PatchSubscriptionAsync(string subscriptionId, PubSubSubscription changes, IReadOnlyList<string> updateMask, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (updateMask is null || updateMask.Count == 0)
        {
            throw new ArgumentException("Pub/Sub requires a non-empty update mask.", nameof(updateMask));
        }
        var subscription = changes with
        {
            Name = SubscriptionName(subscriptionId),
            Topic = changes.Topic is null ? null : QualifyTopic(changes.Topic),
            DeadLetterPolicy = QualifyDeadLetterTopic(changes.DeadLetterPolicy),
        };
        var body = GoogleJson.Serialize(new PatchSubscriptionRequest(subscription, string.Join(',', updateMask)));
        var response = await _transport.SendAsync(HttpMethod.Patch, $"v1/{SubscriptionPath(subscriptionId)}", body,
            RetryMode.Never, $"Patch subscription {subscriptionId}", cancellationToken).ConfigureAwait(false);
        return GoogleJson.Deserialize<PubSubSubscription>(response, "Patch subscription");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PubSubSubscription>> ListSubscriptionsAsync(CancellationToken cancellationToken) =>
        await ListAsync<SubscriptionPage, PubSubSubscription>($"v1/projects/{GoogleJson.Segment(_project)}/subscriptions", p => (p.Subscriptions, p.NextPageToken), "List subscriptions", cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task DeleteSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) =>
        _transport.SendAsync(HttpMethod.Delete, $"v1/{SubscriptionPath(subscriptionId)}", null, RetryMode.Never, $"Delete subscription {subscriptionId}", cancellationToken);

    private string TopicPath(string topicId) =>
        $"projects/{GoogleJson.Segment(_project)}/topics/{GoogleJson.Segment(PubSubIds.Check(topicId, "topic"))}";

    private string SubscriptionPath(string subscriptionId) =>
        $"projects/{GoogleJson.Segment(_project)}/subscriptions/{GoogleJson.Segment(PubSubIds.Check(subscriptionId, "subscription"))}";

    private string QualifyTopic(string topic) => topic.StartsWith("projects/", StringComparison.Ordinal) ? topic : TopicName(topic);

    private DeadLetterPolicy? QualifyDeadLetterTopic(DeadLetterPolicy? policy) =>
        policy is null ? null : policy with { DeadLetterTopic = QualifyTopic(policy.DeadLetterTopic) };

    private async Task<JsonElement?> GetOrNullAsync(string relativeUri, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await _transport.SendAsync(HttpMethod.Get, relativeUri, null, RetryMode.OnTransientFailure, operation, cancellationToken).ConfigureAwait(false);
        }
        catch (GoogleApiRequestException e) when (e.Kind == GoogleApiErrorKind.NotFound)
        {
            return null;
        }
    }

    private async Task<List<TItem>> ListAsync<TPage, TItem>(string relativeUri, Func<TPage, (List<TItem>? Items, string? Next)> read, string operation, CancellationToken cancellationToken)
    {
        var items = new List<TItem>();
        string? pageToken = null;
        do
        {
            var uri = pageToken is null ? relativeUri : $"{relativeUri}?pageToken={Uri.EscapeDataString(pageToken)}";
            var response = await _transport.SendAsync(HttpMethod.Get, uri, null, RetryMode.OnTransientFailure, operation, cancellationToken).ConfigureAwait(false);
            // An empty list arrives as {} (proto3 JSON omits empty repeated fields).
            var (page, next) = read(GoogleJson.Deserialize<TPage>(response, operation));
            items.AddRange(page ?? []);
            pageToken = string.IsNullOrEmpty(next) ? null : next;
        }
        while (pageToken is not null);
        return items;
    }

    private sealed record PublishRequest(List<WireMessage> Messages);

    private sealed record WireMessage(string Data, IReadOnlyDictionary<string, string>? Attributes);

    private sealed record PublishResponse(List<string>? MessageIds);

    private sealed record PatchSubscriptionRequest(PubSubSubscription Subscription, string UpdateMask);

    private sealed record TopicPage(List<PubSubTopic>? Topics, string? NextPageToken);

    private sealed record SubscriptionPage(List<PubSubSubscription>? Subscriptions, string? NextPageToken);
}
