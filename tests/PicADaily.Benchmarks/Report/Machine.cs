using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace PicADaily.Benchmarks.Report;

/// <summary>What the figures were measured on, and of which commit.</summary>
internal static class Machine
{
    public static string Line()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {memory:0} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {load} at the start");
    }

    /// <summary>The commit measured, with "+ changes" when the work tree differs from it.</summary>
    public static string Commit(string repository)
    {
        var head = Git(repository, "rev-parse --short=12 HEAD");
        var dirty = Git(repository, "status --porcelain --untracked-files=no");
        return head is null ? "unknown (not a git work tree)" : string.IsNullOrWhiteSpace(dirty) ? head : head + " + uncommitted changes";
    }

    private static string? Git(string repository, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments) { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
