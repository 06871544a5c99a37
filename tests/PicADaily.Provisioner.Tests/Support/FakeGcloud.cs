using System.Diagnostics;

namespace PicADaily.Provisioner.Tests.Support;

/// <summary>
/// Runs the infra/gcp scripts with Deploy/fake-gcloud.sh as <c>gcloud</c> on PATH: a temporary
/// project whose state persists across runs, and the calls each run made.
/// </summary>
public sealed class FakeGcloud : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("picadaily-fake-gcloud-").FullName;

    public FakeGcloud()
    {
        var gcloud = Path.Combine(directory, "bin", "gcloud");
        Directory.CreateDirectory(Path.GetDirectoryName(gcloud)!);
        File.Copy(Repository.File("tests", "PicADaily.Provisioner.Tests", "Deploy", "fake-gcloud.sh"), gcloud);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The deploy scripts are bash scripts.");
        }

        File.SetUnixFileMode(gcloud, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Extra environment for the script and the fake (e.g. <c>FAKE_GCLOUD_FOREIGN_BUCKETS</c>).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    private string LogPath => Path.Combine(directory, "calls.log");

    private string StatePath => Path.Combine(directory, "state");

    /// <summary>Runs a script of infra/gcp with the arguments; returns its exit code, output and the gcloud calls it made.</summary>
    public async Task<ScriptRun> RunAsync(string script, params string[] arguments)
    {
        File.WriteAllText(LogPath, "");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Repository.File("infra", "gcp", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = Path.Combine(directory, "bin") + ":" + System.Environment.GetEnvironmentVariable("PATH");
        start.Environment["FAKE_GCLOUD_LOG"] = LogPath;
        start.Environment["FAKE_GCLOUD_STATE"] = StatePath;
        start.Environment["PICADAILY_IMAGE_TAG"] = "test";
        // The provisioner this test project was built with reads the topology, instead of a `dotnet run` per script run.
        start.Environment["PICADAILY_PROVISIONER"] = typeof(TopologyProvisioner).Assembly.Location;
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within 2 minutes.");
        }

        var calls = File.ReadAllLines(LogPath).Select(line => (IReadOnlyList<string>)line.Split('\x1f')).ToList();
        return new ScriptRun(process.ExitCode, await output, await error, calls);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}

/// <summary>One run of a script: exit code, output and the gcloud calls (arguments of each).</summary>
public sealed record ScriptRun(int ExitCode, string Output, string Error, IReadOnlyList<IReadOnlyList<string>> Calls)
{
    private static readonly string[] Mutations = ["create", "deploy", "enable", "submit", "delete", "rm"];

    /// <summary>Calls that create or change a resource (IAM bindings excluded: adding an existing one changes nothing).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Changes => Calls.Where(c => c.Any(Mutations.Contains)).ToList();

    /// <summary>The <c>run deploy</c> calls of a service, through gcloud's GA or beta track; "beta" removed.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Deployments(string service) =>
        Starting($"run deploy {service}").Concat(Starting($"beta run deploy {service}").Select(c => (IReadOnlyList<string>)c.Skip(1).ToList())).ToList();

    /// <summary>The calls that start with <paramref name="command"/> (e.g. <c>pubsub topics create</c>).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Starting(string command)
    {
        var words = command.Split(' ');
        return Calls.Where(c => c.Count >= words.Length && c.Take(words.Length).SequenceEqual(words)).ToList();
    }
}
