namespace PicADaily.LocalCloud.PubSub.Model;

/// <summary>A subscription as the REST API accepts and shows it (proto JSON field names); also how it is stored.</summary>
public sealed class SubscriptionResource
{
    public string? Name { get; set; }

    public string? Topic { get; set; }

    public PushConfig? PushConfig { get; set; }

    public int? AckDeadlineSeconds { get; set; }

    public RetryPolicy? RetryPolicy { get; set; }

    public DeadLetterPolicy? DeadLetterPolicy { get; set; }

    public string? Filter { get; set; }

    public string? MessageRetentionDuration { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public bool? EnableMessageOrdering { get; set; }

    public bool? EnableExactlyOnceDelivery { get; set; }

    public string? State { get; set; }
}

/// <summary>Where and how to push; no endpoint means a pull subscription.</summary>
public sealed class PushConfig
{
    public string? PushEndpoint { get; set; }

    public Dictionary<string, string>? Attributes { get; set; }

    /// <summary>Accepted and stored; LocalCloud sends no token (neither does Google's emulator).</summary>
    public OidcToken? OidcToken { get; set; }

    public Dictionary<string, object>? PubsubWrapper { get; set; }

    public NoWrapper? NoWrapper { get; set; }
}

public sealed class OidcToken
{
    public string? ServiceAccountEmail { get; set; }

    public string? Audience { get; set; }
}

public sealed class NoWrapper
{
    public bool WriteMetadata { get; set; }
}

public sealed class RetryPolicy
{
    public string? MinimumBackoff { get; set; }

    public string? MaximumBackoff { get; set; }
}

public sealed class DeadLetterPolicy
{
    public string? DeadLetterTopic { get; set; }

    public int? MaxDeliveryAttempts { get; set; }
}
