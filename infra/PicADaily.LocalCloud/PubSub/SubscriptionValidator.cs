using PicADaily.Contracts.ProtoJson;

namespace PicADaily.LocalCloud.PubSub;

/// <summary>Checks a subscription the way Pub/Sub does and fills in its defaults.</summary>
public static class SubscriptionValidator
{
    private static readonly TimeSpan MinRetention = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MaxRetention = TimeSpan.FromDays(31);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(600);

    /// <exception cref="GoogleErrorException">INVALID_ARGUMENT with the offending field.</exception>
    public static void Normalize(SubscriptionResource s)
    {
        s.AckDeadlineSeconds = s.AckDeadlineSeconds is null or 0 ? 10 : s.AckDeadlineSeconds;
        if (s.AckDeadlineSeconds is < 10 or > 600)
        {
            throw GoogleErrorException.InvalidArgument($"Invalid ackDeadlineSeconds {s.AckDeadlineSeconds}: must be 10–600.");
        }

        if (s.PushConfig is { } push)
        {
            if (string.IsNullOrEmpty(push.PushEndpoint))
            {
                s.PushConfig = null;
            }
            else if (!Uri.TryCreate(push.PushEndpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw GoogleErrorException.InvalidArgument($"Invalid pushEndpoint '{push.PushEndpoint}': must be an absolute http(s) URL.");
            }
        }

        if (s.RetryPolicy is { } retry)
        {
            retry.MinimumBackoff ??= "10s";
            retry.MaximumBackoff ??= "600s";
            var min = ParseDuration(retry.MinimumBackoff, "retryPolicy.minimumBackoff");
            var max = ParseDuration(retry.MaximumBackoff, "retryPolicy.maximumBackoff");
            if (min > MaxBackoff || max > MaxBackoff || min > max)
            {
                throw GoogleErrorException.InvalidArgument("Invalid retryPolicy: backoffs must be 0–600s with minimumBackoff ≤ maximumBackoff.");
            }
        }

        if (s.DeadLetterPolicy is { } deadLetter)
        {
            ResourceNames.Parse(deadLetter.DeadLetterTopic ?? "", "topics");
            deadLetter.MaxDeliveryAttempts = deadLetter.MaxDeliveryAttempts is null or 0 ? 5 : deadLetter.MaxDeliveryAttempts;
            if (deadLetter.MaxDeliveryAttempts is < 5 or > 100)
            {
                throw GoogleErrorException.InvalidArgument($"Invalid deadLetterPolicy.maxDeliveryAttempts {deadLetter.MaxDeliveryAttempts}: must be 5–100.");
            }
        }

        if (s.MessageRetentionDuration is not null)
        {
            var retention = ParseDuration(s.MessageRetentionDuration, "messageRetentionDuration");
            if (retention < MinRetention || retention > MaxRetention)
            {
                throw GoogleErrorException.InvalidArgument("Invalid messageRetentionDuration: must be 10 minutes to 31 days.");
            }
        }

        ParseFilter(s.Filter);
    }

    public static FilterExpression? ParseFilter(string? filter)
    {
        try
        {
            return FilterParser.Parse(filter);
        }
        catch (FilterSyntaxException e)
        {
            throw GoogleErrorException.InvalidArgument($"Invalid filter: {e.Message}.");
        }
    }

    /// <summary>A proto duration field (<c>"10s"</c>) of a request.</summary>
    /// <exception cref="GoogleErrorException">INVALID_ARGUMENT naming <paramref name="field"/>.</exception>
    internal static TimeSpan ParseDuration(string? text, string field) =>
        ProtoDuration.TryParse(text, out var value) ? value : throw GoogleErrorException.InvalidArgument($"Invalid {field} '{text}': expected a duration such as \"10s\".");
}
