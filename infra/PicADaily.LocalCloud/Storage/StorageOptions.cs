namespace PicADaily.LocalCloud.Storage;

/// <summary>Settings of the Cloud Storage stand-in, bound from configuration section <c>LocalCloud:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "LocalCloud:Storage";

    /// <summary>How long a file dropped into a bucket folder must keep the same size and modification time before it is announced.</summary>
    public TimeSpan SettleInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a picture that does not look whole (see <see cref="PictureCompleteness"/>), or an empty file,
    /// must stay unchanged before it is announced anyway. A copy stalled longer than the settle interval
    /// would otherwise be announced half-written and then again when complete. Unset: ten settle intervals, at least 30 seconds.
    /// </summary>
    public TimeSpan? IncompleteGrace { get; set; }

    /// <summary><see cref="IncompleteGrace"/> as used: never shorter than <see cref="SettleInterval"/>.</summary>
    public TimeSpan EffectiveIncompleteGrace =>
        IncompleteGrace is { } grace
            ? (grace > SettleInterval ? grace : SettleInterval)
            : TimeSpan.FromTicks(Math.Max(SettleInterval.Ticks * 10, TimeSpan.FromSeconds(30).Ticks));

    /// <summary>How often the bucket folders are rescanned even when the file watcher reported nothing.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First delay before a notification that could not be published is tried again; it doubles up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);
}
