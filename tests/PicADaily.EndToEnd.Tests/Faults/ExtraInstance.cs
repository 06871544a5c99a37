using System.Diagnostics;

namespace PicADaily.EndToEnd.Tests.Faults;

/// <summary>
/// One more instance of a running service, started by the test rather than the app host (see
/// <see cref="ServiceProcesses.StartAnotherInstanceAsync"/>). Disposing it kills it and waits for it.
/// </summary>
public sealed class ExtraInstance(Process process, Uri address) : IAsyncDisposable
{
    /// <summary>Where this instance answers, on 127.0.0.1.</summary>
    public Uri Address { get; } = address;

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        using var exiting = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(exiting.Token);
        process.Dispose();
    }
}
