namespace PicADaily.Frontend.Uploads;

/// <summary>
/// Upload limits, configuration section <see cref="SectionName"/>. A file over
/// <see cref="MaxFileBytes"/> is refused on its own ("too large"); a request over
/// <see cref="MaxRequestBytes"/> is refused whole with 413 by Kestrel and the form reader.
/// </summary>
public sealed class UploadLimits
{
    public const string SectionName = "Upload";

    /// <summary>Per picture; the original's 10 MiB.</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Per request: room for several pictures at once.</summary>
    public long MaxRequestBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>Pictures per request.</summary>
    public int MaxFiles { get; set; } = 20;
}
