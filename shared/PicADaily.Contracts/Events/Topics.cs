namespace PicADaily.Contracts.Events;

/// <summary>Pub/Sub topic ids of the choreography (docs/architecture.md).</summary>
public static class Topics
{
    /// <summary>Storage notifications of the pictures bucket: finalize and delete.</summary>
    public const string PictureEvents = "picture-events";

    /// <summary>The collage schedule's ticks.</summary>
    public const string CollageRefresh = "collage-refresh";

    /// <summary>Our own CloudEvents: what each service did.</summary>
    public const string PictureActivity = "picture-activity";

    /// <summary>Messages that exhausted their delivery attempts.</summary>
    public const string DeadLetters = "dead-letters";
}
