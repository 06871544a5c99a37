using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PicADaily.LocalCloud.Tests.Support;

/// <summary>
/// LocalCloud as a separate process on a loopback port, so a test can SIGKILL it for real and
/// start it again on the same data folder.
/// </summary>
public sealed class ChildLocalCloud : IAsyncDisposable
{
    private readonly Process process;

    private ChildLocalCloud(Process process, Uri baseUri)
    {
        this.process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public static async Task<ChildLocalCloud> StartAsync(string dataPath, IDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PicADaily.LocalCloud.dll")])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["PICADAILY_DATA"] = dataPath;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var cloud = new ChildLocalCloud(process, new Uri($"http://127.0.0.1:{port}/"));
        await cloud.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(30));
        return cloud;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillAsync();
        }

        process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"LocalCloud exited with code {process.ExitCode} while starting.");
            }

            try
            {
                if ((await http.GetAsync("/")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the attempt's timeout.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("LocalCloud did not answer in time.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
