using PicADaily.Contracts.Topology;
using PicADaily.LocalCloud.PubSub;
using PicADaily.LocalCloud.PubSub.Model;

namespace PicADaily.LocalCloud.Topology;

/// <summary>Turns a topology subscription into the Pub/Sub resource LocalCloud creates.</summary>
internal static class TopologySubscriptionMapper
{
    public static SubscriptionResource ToResource(PushSubscription s, string project, string? pushEndpoint, PubSubOptions overrides)
    {
        var resource = new SubscriptionResource
        {
            Topic = ResourceNames.Topic(project, s.Topic),
            AckDeadlineSeconds = s.AckDeadlineSeconds,
            Filter = string.IsNullOrWhiteSpace(s.Filter) ? null : s.Filter,
            PushConfig = pushEndpoint is null ? null : new PushConfig { PushEndpoint = pushEndpoint },
            Labels = new Dictionary<string, string> { ["service"] = s.Service },
        };
        if (s.RetryPolicy is { } retry)
        {
            resource.RetryPolicy = new RetryPolicy
            {
                MinimumBackoff = overrides.RetryMinimumBackoffOverride ?? retry.MinimumBackoff,
                MaximumBackoff = overrides.RetryMaximumBackoffOverride ?? retry.MaximumBackoff,
            };
        }

        if (s.DeadLetterPolicy is { } deadLetter)
        {
            resource.DeadLetterPolicy = new DeadLetterPolicy
            {
                DeadLetterTopic = ResourceNames.Topic(project, deadLetter.DeadLetterTopic),
                MaxDeliveryAttempts = deadLetter.MaxDeliveryAttempts,
            };
        }

        SubscriptionValidator.Normalize(resource);
        return resource;
    }

    /// <summary>The update-mask fields where the live subscription differs from the declared one.</summary>
    public static List<string> Differences(SubscriptionResource live, SubscriptionResource declared)
    {
        var fields = new List<string>();
        if (live.PushConfig?.PushEndpoint != declared.PushConfig?.PushEndpoint)
        {
            fields.Add("pushConfig");
        }

        if (live.AckDeadlineSeconds != declared.AckDeadlineSeconds)
        {
            fields.Add("ackDeadlineSeconds");
        }

        if (live.RetryPolicy?.MinimumBackoff != declared.RetryPolicy?.MinimumBackoff || live.RetryPolicy?.MaximumBackoff != declared.RetryPolicy?.MaximumBackoff)
        {
            fields.Add("retryPolicy");
        }

        if (live.DeadLetterPolicy?.DeadLetterTopic != declared.DeadLetterPolicy?.DeadLetterTopic
            || live.DeadLetterPolicy?.MaxDeliveryAttempts != declared.DeadLetterPolicy?.MaxDeliveryAttempts)
        {
            fields.Add("deadLetterPolicy");
        }

        return fields;
    }
}
