using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PicADaily.Architecture.Tests.Support;

/// <summary>A loopback HTTP server on a free port that answers every request with one status and counts them.</summary>
internal sealed class CountingServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private int requests;

    private CountingServer(WebApplication app) => this.app = app;

    public int Requests => Volatile.Read(ref requests);

    /// <summary><c>127.0.0.1:port</c>, the form the <c>*_EMULATOR_HOST</c> variables take.</summary>
    public string HostAndPort => new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Authority;

    public static async Task<CountingServer> StartAsync(int status)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new CountingServer(app);
        app.Run(context =>
        {
            Interlocked.Increment(ref server.requests);
            context.Response.StatusCode = status;
            return context.Response.WriteAsJsonAsync(new { error = new { code = status, message = "scripted", status = "UNAVAILABLE" } });
        });
        await app.StartAsync();
        return server;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
