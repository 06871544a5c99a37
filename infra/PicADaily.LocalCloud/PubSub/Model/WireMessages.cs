namespace PicADaily.LocalCloud.PubSub.Model;

/// <summary>A message on the wire (publish request, pull response); <c>data</c> is base64.</summary>
public sealed class WireMessage
{
    public string? Data { get; set; }

    public Dictionary<string, string>? Attributes { get; set; }

    public string? MessageId { get; set; }

    public string? PublishTime { get; set; }

    public string? OrderingKey { get; set; }
}

public sealed record PublishRequest(List<WireMessage>? Messages);

public sealed record PublishResponse(IReadOnlyList<string> MessageIds);

public sealed record PullRequest(int? MaxMessages, bool? ReturnImmediately);

public sealed record ReceivedMessage(string AckId, WireMessage Message, int? DeliveryAttempt);

public sealed record PullResponse(IReadOnlyList<ReceivedMessage>? ReceivedMessages);

public sealed record AcknowledgeRequest(List<string>? AckIds);

public sealed record ModifyAckDeadlineRequest(List<string>? AckIds, int? AckDeadlineSeconds);

public sealed record ModifyPushConfigRequest(PushConfig? PushConfig);

public sealed record UpdateSubscriptionRequest(SubscriptionResource? Subscription, string? UpdateMask);

public sealed record ListTopicsResponse(IReadOnlyList<TopicResource> Topics);

public sealed record ListSubscriptionsResponse(IReadOnlyList<SubscriptionResource> Subscriptions);

public sealed record ListTopicSubscriptionsResponse(IReadOnlyList<string> Subscriptions);
