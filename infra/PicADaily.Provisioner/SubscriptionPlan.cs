using PicADaily.Contracts.ProtoJson;
using PicADaily.Contracts.Topology;
using PicADaily.GoogleCloud.PubSub;

namespace PicADaily.Provisioner;

/// <summary>Turns a declared push subscription into the Pub/Sub resource, and compares a live one with it.</summary>
internal static class SubscriptionPlan
{
    /// <summary>The mutable fields this tool converges, by their update-mask paths.</summary>
    public static readonly string[] MutableFields = ["pushConfig", "ackDeadlineSeconds", "retryPolicy", "deadLetterPolicy"];

    public static PubSubSubscription Desired(PushSubscription declared, IPubSubAdmin pubSub, ProvisioningSettings settings)
    {
        if (!settings.Endpoints.TryGetValue(declared.Service, out var baseUri))
        {
            throw new InvalidOperationException($"No endpoint for service '{declared.Service}' (subscription {declared.Name}).");
        }

        var endpoint = baseUri.ToString().TrimEnd('/') + "/" + declared.Path.TrimStart('/');
        // The audience is the service's own URL, as Cloud Run's invoker check and our PUSH_AUTH_AUDIENCE expect.
        var oidc = settings.PushServiceAccount is { } account ? new OidcToken(account, baseUri.ToString().TrimEnd('/')) : null;
        return new PubSubSubscription
        {
            Topic = pubSub.TopicName(declared.Topic),
            PushConfig = new PushConfig(endpoint, oidc),
            AckDeadlineSeconds = declared.AckDeadlineSeconds == 0 ? 10 : declared.AckDeadlineSeconds,
            RetryPolicy = declared.RetryPolicy is { } retry
                ? new RetryPolicy(
                    ProtoDuration.Parse(settings.MinimumBackoffOverride ?? retry.MinimumBackoff),
                    ProtoDuration.Parse(settings.MaximumBackoffOverride ?? retry.MaximumBackoff))
                : null,
            DeadLetterPolicy = declared.DeadLetterPolicy is { } deadLetter
                ? new DeadLetterPolicy(pubSub.TopicName(deadLetter.DeadLetterTopic), deadLetter.MaxDeliveryAttempts)
                : null,
            Filter = string.IsNullOrWhiteSpace(declared.Filter) ? null : declared.Filter,
            // Push subscriptions otherwise expire after 31 days without traffic on Google Cloud.
            ExpirationPolicy = settings.NeverExpire ? new ExpirationPolicy(null) : null,
            Labels = new Dictionary<string, string> { ["service"] = declared.Service },
        };
    }

    /// <summary>Update-mask paths where <paramref name="live"/> differs from <paramref name="desired"/>.</summary>
    public static List<string> Differences(PubSubSubscription live, PubSubSubscription desired)
    {
        var fields = new List<string>();
        if (live.PushConfig?.PushEndpoint != desired.PushConfig?.PushEndpoint || live.PushConfig?.OidcToken != desired.PushConfig?.OidcToken)
        {
            fields.Add("pushConfig");
        }

        if ((live.AckDeadlineSeconds ?? 10) != (desired.AckDeadlineSeconds ?? 10))
        {
            fields.Add("ackDeadlineSeconds");
        }

        if (live.RetryPolicy != desired.RetryPolicy)
        {
            fields.Add("retryPolicy");
        }

        if (live.DeadLetterPolicy != desired.DeadLetterPolicy)
        {
            fields.Add("deadLetterPolicy");
        }

        return fields;
    }

    /// <summary>Differences no update can fix: the subscription must be deleted and recreated.</summary>
    public static List<string> ImmutableDifferences(PubSubSubscription live, PubSubSubscription desired)
    {
        var problems = new List<string>();
        if (live.Topic != desired.Topic)
        {
            problems.Add($"topic is {live.Topic} but the topology declares {desired.Topic}");
        }

        if ((live.Filter ?? "") != (desired.Filter ?? ""))
        {
            problems.Add($"filter is '{live.Filter}' but the topology declares '{desired.Filter}'");
        }

        return problems;
    }
}
