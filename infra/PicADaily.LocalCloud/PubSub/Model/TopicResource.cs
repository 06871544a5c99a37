namespace PicADaily.LocalCloud.PubSub.Model;

/// <summary>A topic as the REST API shows it.</summary>
public sealed class TopicResource
{
    public string? Name { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public string? MessageRetentionDuration { get; set; }
}
