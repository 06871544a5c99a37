namespace PicADaily.Frontend.Live;

/// <summary>How the live stream reads the timeline back. Section <see cref="SectionName"/>.</summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>How often this instance's one poller reads entries recorded (by any instance) since the last it saw.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Entries read per query; a full page is followed at once by the next.</summary>
    public int PageSize { get; set; } = 200;

    /// <summary>At most this many missed entries are replayed to a reconnecting browser; beyond it, it is told to reload.</summary>
    public int MaxResume { get; set; } = 1000;
}
