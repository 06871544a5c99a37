using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PicADaily.LocalCloud.Tests.Differential;

/// <summary>
/// One of Google's emulators on a free 127.0.0.1 port. The launch scripts start java children, so
/// disposing kills the whole process tree and then checks that nothing with its port is left.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private EmulatorProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri BaseUri { get; }

    /// <param name="arguments">Arguments before the host and port ones, e.g. <c>start</c>.</param>
    /// <param name="probePath">A GET that answers (any HTTP status) once the emulator serves REST.</param>
    public static async Task<EmulatorProcess> StartAsync(string script, string[] arguments, string probePath, TimeSpan timeout)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(script)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--host=127.0.0.1");
        start.ArgumentList.Add($"--port={port}");
        var emulator = new EmulatorProcess(Process.Start(start)!, port);
        emulator.process.OutputDataReceived += (_, e) => emulator.Append(e.Data);
        emulator.process.ErrorDataReceived += (_, e) => emulator.Append(e.Data);
        emulator.process.BeginOutputReadLine();
        emulator.process.BeginErrorReadLine();
        try
        {
            await emulator.WaitUntilAnsweringAsync(probePath, timeout);
            return emulator;
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        await AssertNothingLeftAsync();
    }

    private async Task WaitUntilAnsweringAsync(string probePath, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.StartInfo.FileName} exited with code {process.ExitCode} while starting:\n{Log}");
            }

            try
            {
                await http.GetAsync(probePath);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Java is still starting; the overall deadline bounds the wait.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{process.StartInfo.FileName} did not answer on port {Port} within {timeout}:\n{Log}");
    }

    // pgrep -f matches the java child too, whose command line carries the same --port.
    private async Task AssertNothingLeftAsync()
    {
        var start = new ProcessStartInfo("pgrep", ["-f", "--", $"--port={Port}( |$)"]) { RedirectStandardOutput = true };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            using var pgrep = Process.Start(start)!;
            var left = (await pgrep.StandardOutput.ReadToEndAsync()).Trim();
            await pgrep.WaitForExitAsync();
            if (left.Length == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Emulator processes on port {Port} outlived their test: {left}");
            }

            await Task.Delay(100);
        }
    }

    private string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
