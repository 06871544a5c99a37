using static System.FormattableString;

namespace PicADaily.Benchmarks.Pipeline;

/// <summary>
/// Where the CPU went while a drop was processed: each resource's CPU seconds, the benchmark's own, and
/// how busy the machine's cores were. Says whether a slow drop waited (idle cores) or worked beyond the
/// compute floor (busy cores, more CPU than the floor), and where.
/// </summary>
internal sealed record DropCpu(IReadOnlyDictionary<string, TimeSpan> Used, TimeSpan Available, double BusyShare)
{
    public const string Benchmark = "this benchmark (copies, polling)";

    public TimeSpan Total => TimeSpan.FromTicks(Used.Values.Sum(t => t.Ticks));

    public override string ToString() =>
        Invariant($"CPU used during the drop: {string.Join(", ", Used.Select(u => Invariant($"{u.Key} {u.Value.TotalSeconds:F1} s")))}; ")
        + Invariant($"{Total.TotalSeconds:F1} s in all of the {Available.TotalSeconds:F1} s the cores had; the machine's cores were {BusyShare:P0} busy");

    /// <summary>Why the drop took longer than the floor, in this run's figures, and what would close the gap.</summary>
    public string WhyAbove(TimeSpan floorCpu)
    {
        var images = Seconds("image-analysis") + Seconds("thumbnail");
        var waited = BusyShare < 0.9
            ? Invariant($"the cores were only {BusyShare:P0} busy, so part of the gap is waiting (settle interval, backoff after 429s, the push window growing); ")
            : Invariant($"the cores were {BusyShare:P0} busy, so the gap is work, not waiting: ");
        return waited
            + Invariant($"the processes used {Total.TotalSeconds:F1} s of CPU against the floor's {floorCpu.TotalSeconds:F1} s ({Total / floorCpu:0.00}×). ")
            + Invariant($"image-analysis and thumbnail used {images:F1} s (the floor's {floorCpu.TotalSeconds:F1} s is their pixel work plus the Vision stand-in's), LocalCloud {Seconds("localcloud"):F1} s (storage, Pub/Sub, Firestore, the Vision stand-in), the frontend {Seconds("frontend"):F1} s, this benchmark {Seconds(Benchmark):F1} s. ")
            + "What would close it: less work around each decode in the image services (under perf, the kernel zeroing fresh pages for every decode's buffers, which ImageSharp's small pool leaves to the allocator to keep P4 low, and the GC), and in LocalCloud's request handling; "
            + "the measured perf profile is in tests/PicADaily.Benchmarks/README.md.";
    }

    private double Seconds(string resource) => Used.TryGetValue(resource, out var used) ? used.TotalSeconds : 0;
}
