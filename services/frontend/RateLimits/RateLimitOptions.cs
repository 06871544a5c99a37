namespace PicADaily.Frontend.RateLimits;

/// <summary>Per-client limits on what costs the most (section <see cref="SectionName"/>); over them → 429 with Retry-After.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Upload requests (API or form) per client per minute; the upload page sends one request per file.</summary>
    public int UploadsPerMinute { get; set; } = 60;

    /// <summary>Delete requests (API or form) per client per minute.</summary>
    public int DeletesPerMinute { get; set; } = 30;

    /// <summary>Replay requests (one dead letter, or all of a subscription) from <c>/operations</c> per client per minute.</summary>
    public int ReplaysPerMinute { get; set; } = 30;

    /// <summary>Open <c>/api/live</c> streams per client (one per open tab).</summary>
    public int LiveStreamsPerClient { get; set; } = 8;

    /// <summary>Open <c>/api/live</c> streams on this instance, whoever holds them.</summary>
    public int LiveStreamsTotal { get; set; } = 1000;

    public bool IsValid => UploadsPerMinute > 0 && DeletesPerMinute > 0 && ReplaysPerMinute > 0 && LiveStreamsPerClient > 0 && LiveStreamsTotal >= LiveStreamsPerClient;
}
