using System.Globalization;
using System.Runtime.InteropServices;

namespace PicADaily.Imaging;

/// <summary>Reads how much CPU time one thread has used, so a decode is judged by its work, not by how busy the machine is.</summary>
internal interface IThreadCpuClock
{
    /// <summary>
    /// Called on the thread to measure. Returns a meter readable from any thread, or null where the CPU
    /// time of a thread cannot be read (then the caller counts wall time instead).
    /// </summary>
    IThreadCpuMeter? StartOnCurrentThread();
}

/// <summary>The CPU time one thread has used since its meter was started.</summary>
internal interface IThreadCpuMeter
{
    /// <summary>CPU time used so far, or null when it can no longer be read.</summary>
    TimeSpan? Used();
}

/// <summary>
/// Linux: user plus system time of a thread from <c>/proc/self/task/&lt;tid&gt;/stat</c> (fields 14 and
/// 15, in clock ticks, 100 a second on every Linux architecture .NET runs on). Elsewhere: unavailable.
/// </summary>
internal sealed class ProcThreadCpuClock : IThreadCpuClock
{
    public static IThreadCpuClock Instance { get; } = new ProcThreadCpuClock();

    private static readonly double TicksPerSecond = ClockTicksPerSecond();

    public IThreadCpuMeter? StartOnCurrentThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            // /proc/thread-self points at /proc/<pid>/task/<tid>: the path that names this thread from any other.
            var self = new DirectoryInfo("/proc/thread-self").LinkTarget;
            if (self is null)
            {
                return null;
            }

            var statPath = Path.Combine("/proc", self, "stat");
            return ReadTicks(statPath) is { } baseline ? new Meter(statPath, baseline) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>utime + stime of a <c>stat</c> file, or null when unreadable (e.g. the thread has ended).</summary>
    internal static long? ReadTicks(string statPath)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(statPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return ParseTicks(stat);
    }

    /// <summary>The thread name (field 2) may contain spaces and parentheses; the fields after its closing one do not.</summary>
    internal static long? ParseTicks(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        // After ")": field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 12
            && long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            && long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system)
                ? user + system
                : null;
    }

    private static double ClockTicksPerSecond()
    {
        const int ScClockTicks = 2; // _SC_CLK_TCK in glibc and musl
        try
        {
            return OperatingSystem.IsLinux() && SysConf(ScClockTicks) is > 0 and var ticks ? ticks : 100;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 100;
        }
    }

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long SysConf(int name);

    private sealed class Meter(string statPath, long baselineTicks) : IThreadCpuMeter
    {
        public TimeSpan? Used() =>
            ReadTicks(statPath) is { } ticks ? TimeSpan.FromSeconds((ticks - baselineTicks) / TicksPerSecond) : null;
    }
}
