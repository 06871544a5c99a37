using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using PicADaily.Testing;

namespace PicADaily.Benchmarks.Report;

/// <summary>
/// What Linux's /proc says about a service the app host runs: its peak resident memory and the CPU it
/// has used. The app host may start a project through <c>dotnet run</c>, whose own figures are not the
/// service's: the service is then among its descendants, so those are read instead.
/// </summary>
internal static class ServiceProcess
{
    private static readonly double TicksPerSecond = 100; // USER_HZ: /proc reports CPU time in these on every Linux the SDK runs on

    /// <summary>The highest VmHWM among the service's processes, in MB, or null when none could be read.</summary>
    public static async Task<double?> PeakRssMegabytesAsync(DistributedApplication app, string service) =>
        (await ProcessesAsync(app, service)).Select(HighWaterMegabytes).Max();

    /// <summary>The highest VmRSS among the service's processes now, in MB, or null when none could be read.</summary>
    public static async Task<double?> ResidentMegabytesAsync(DistributedApplication app, string service) =>
        (await ProcessesAsync(app, service)).Select(pid => StatusMegabytes(pid, "VmRSS:")).Max();

    /// <summary>User plus system CPU time used so far by the service's processes.</summary>
    public static async Task<TimeSpan> CpuTimeAsync(DistributedApplication app, string service) =>
        TimeSpan.FromSeconds((await ProcessesAsync(app, service)).Sum(ProcessTree.CpuTicks) / TicksPerSecond);

    private static async Task<IReadOnlyList<int>> ProcessesAsync(DistributedApplication app, string service)
    {
        var resource = await app.ResourceNotifications.WaitForResourceAsync(service, e => e.Snapshot.Properties.Any(p => p.Name == "executable.pid"));
        var pid = Convert.ToInt32(resource.Snapshot.Properties.First(p => p.Name == "executable.pid").Value, CultureInfo.InvariantCulture);
        var descendants = ProcessTree.Descendants(pid);
        return descendants.Count > 0 ? descendants : [pid];
    }

    private static double? HighWaterMegabytes(int pid) => StatusMegabytes(pid, "VmHWM:");

    private static double? StatusMegabytes(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
