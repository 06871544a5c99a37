using System.Globalization;

namespace PicADaily.Benchmarks.Report;

/// <summary>
/// How busy the whole machine's cores were between two readings of /proc/stat: tells a pipeline that
/// waits (idle cores) from one that works more than it should (busy cores, more CPU than the floor).
/// </summary>
internal readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu Now()
    {
        // "cpu  user nice system idle iowait irq softirq steal ...": idle and iowait are the idle time.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        return new MachineCpu(total - fields[3] - fields[4], total);
    }

    /// <summary>The share of all cores' time that was busy since <paramref name="earlier"/>.</summary>
    public double BusyShareSince(MachineCpu earlier) =>
        Total == earlier.Total ? 0 : (double)(Busy - earlier.Busy) / (Total - earlier.Total);
}
