using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using PicADaily.Testing;

namespace PicADaily.EndToEnd.Tests.Faults;

/// <summary>
/// Process-level faults on the app host's resources: SIGKILL a service (its whole process tree, in case
/// it runs under a launcher), start it again, pause and resume it (SIGSTOP / SIGCONT), restart LocalCloud.
/// Each is counted.
/// </summary>
public sealed class ServiceProcesses(DistributedApplication app, Action<string, bool> markDown)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public Testing.Faults.FaultCounts Counts { get; } = new();

    private static readonly Dictionary<string, string> Programs = new(StringComparer.Ordinal)
    {
        ["image-analysis"] = "PicADaily.ImageAnalysis",
        ["thumbnail"] = "PicADaily.Thumbnail",
        ["collage"] = "PicADaily.Collage",
        ["garbage-collection"] = "PicADaily.GarbageCollection",
        ["frontend"] = "PicADaily.Frontend",
        ["localcloud"] = "PicADaily.LocalCloud",
    };

    /// <summary>SIGKILL the service's own program: no shutdown, no flush, no ack of what was in flight.</summary>
    public async Task KillAsync(string resource)
    {
        using var process = Process.GetProcessById(ServiceProgram(resource));
        markDown(resource, true);
        process.Kill(); // SIGKILL on Linux
        await process.WaitForExitAsync();
        Counts.Add($"SIGKILL {resource}");
        await Quiet.UntilAsync(() => Task.FromResult(IsStopped(resource)), Patience, $"{resource} is seen as stopped");
    }

    /// <summary>Starts a stopped or killed resource and waits until it is healthy again.</summary>
    public async Task StartAsync(string resource)
    {
        using var starting = new CancellationTokenSource(Patience);
        var result = await app.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, starting.Token);
        Assert.True(result.Success, $"starting {resource}: {result.Message}");
        await Quiet.UntilAsync(() => Task.FromResult(IsHealthyAndRunning(resource)), Patience, $"{resource} running and healthy again");
        markDown(resource, false);
    }

    /// <summary>
    /// Stops a resource the way an operator would (SIGTERM: a graceful shutdown, its state on disk), for
    /// a fault while it is away. A signal rather than the dashboard's stop command, which gives up on a
    /// process that takes its time to shut down.
    /// </summary>
    public async Task StopAsync(string resource)
    {
        using var process = Process.GetProcessById(ServiceProgram(resource));
        markDown(resource, true);
        using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var stopping = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(stopping.Token);
        await Quiet.UntilAsync(() => Task.FromResult(IsStopped(resource)), Patience, $"{resource} stopped");
        Counts.Add($"stop {resource}");
    }

    /// <summary>
    /// SIGSTOP the service's program: it stays alive and its socket keeps accepting connections, but
    /// nothing runs, as a frozen or swapped-out instance. Returns the process id to resume.
    /// </summary>
    public async Task<int> PauseAsync(string resource)
    {
        var pid = 0;
        await Quiet.UntilAsync(() => Task.FromResult(ProgramOf(resource) is { } found && (pid = found) > 0), Patience, $"{resource}'s program running");
        await SignalAsync("-STOP", pid);
        await Quiet.UntilAsync(() => Task.FromResult(ProcessTree.State(pid) == 'T'), Patience, $"{resource} ({pid}) stopped by SIGSTOP");
        Counts.Add($"SIGSTOP {resource}");
        return pid;
    }

    /// <summary>SIGCONT what <see cref="PauseAsync"/> paused: it carries on with whatever it had accepted meanwhile.</summary>
    public async Task ResumeAsync(string resource, int pid)
    {
        await SignalAsync("-CONT", pid);
        await Quiet.UntilAsync(() => Task.FromResult(ProcessTree.State(pid) is not 'T' and not '\0'), Patience, $"{resource} ({pid}) running again after SIGCONT");
        Counts.Add($"SIGCONT {resource}");
    }

    /// <summary>
    /// Starts a second instance of a running service, as an orchestrator scales out by one: the same
    /// program, arguments, working folder and environment as the instance the app host runs, only
    /// listening on another port of 127.0.0.1. Nothing routes pushes to it (the push subscriptions
    /// name the first instance), as a load balancer sends each push to one instance only.
    /// </summary>
    public async Task<ExtraInstance> StartAnotherInstanceAsync(string resource)
    {
        var pid = 0;
        await Quiet.UntilAsync(() => Task.FromResult(ProgramOf(resource) is { } found && (pid = found) > 0), Patience, $"{resource}'s program running");
        var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo(commandLine[0])
        {
            WorkingDirectory = new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(returnFinalTarget: true)?.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in commandLine.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var variable in File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = variable.IndexOf('=', StringComparison.Ordinal);
            start.Environment[variable[..equals]] = variable[(equals + 1)..];
        }

        var address = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/");
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        start.Environment["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={resource}-extra-{address.Port}";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {commandLine[0]}");
        // Read and dropped, so a chatty instance never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var instance = new ExtraInstance(process, address);
        try
        {
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            await Quiet.UntilAsync(async () => !process.HasExited && await PicADailySystem.AnswersAsync(probe, new Uri(address, "alive")), Patience, $"a second {resource} answering at {address}");
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }

        Counts.Add($"extra instance of {resource}");
        return instance;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task SignalAsync(string signal, int pid)
    {
        using var kill = Process.Start("kill", [signal, pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.True(kill.ExitCode == 0, $"kill {signal} {pid} failed");
    }

    /// <summary>
    /// The process running the service's program: the one Aspire reports, or its child when Aspire
    /// launched it through <c>dotnet run</c>. Never a guess by name alone: other systems on this machine
    /// run the same programs.
    /// </summary>
    private int ServiceProgram(string resource) =>
        ProgramOf(resource) ?? throw new InvalidOperationException($"{resource}: process {ProcessId(resource)} ({ProcessTree.CommandLine(ProcessId(resource))}) has no single child running {Programs[resource]}");

    /// <returns>Null while the launcher has not started the program (yet).</returns>
    private int? ProgramOf(string resource)
    {
        var launched = ProcessId(resource);
        var program = "/" + Programs[resource];
        bool IsProgram(int pid) => ProcessTree.CommandLine(pid).Split(' ')[0].EndsWith(program, StringComparison.Ordinal);
        if (IsProgram(launched))
        {
            return launched;
        }

        return ProcessTree.Children(launched).Where(IsProgram).ToList() is [var child] ? child : null;
    }

    private int ProcessId(string resource)
    {
        Assert.True(app.ResourceNotifications.TryGetCurrentState(resource, out var current), $"no state for {resource}");
        var pid = current.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value
            ?? throw new InvalidOperationException($"{resource} reports no process id");
        return Convert.ToInt32(pid, CultureInfo.InvariantCulture);
    }

    private bool IsStopped(string resource) =>
        app.ResourceNotifications.TryGetCurrentState(resource, out var current)
        && current.Snapshot.State?.Text is { } state
        && KnownResourceStates.TerminalStates.Contains(state);

    private bool IsHealthyAndRunning(string resource) =>
        app.ResourceNotifications.TryGetCurrentState(resource, out var current)
        && current.Snapshot.State?.Text == KnownResourceStates.Running
        && current.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;
}
