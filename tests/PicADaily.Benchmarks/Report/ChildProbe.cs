using System.Diagnostics;

namespace PicADaily.Benchmarks.Report;

/// <summary>
/// Runs this benchmark again as a fresh process for one probe (a peak RSS means nothing in a process
/// that has already done other work) and returns what it printed.
/// </summary>
internal static class ChildProbe
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildProbe).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        return (child.ExitCode, (await output).Trim() + (await error).Trim());
    }
}
