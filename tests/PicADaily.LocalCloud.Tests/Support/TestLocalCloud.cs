using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using PicADaily.LocalCloud.Hosting;

namespace PicADaily.LocalCloud.Tests.Support;

/// <summary>
/// A real LocalCloud on an ephemeral 127.0.0.1 port with its own temporary data folder, so the
/// official clients talk to it over real HTTP. Restartable on the same folder (crash tests).
/// </summary>
public sealed class TestLocalCloud : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestLocalCloud(WebApplication app, string dataPath, Uri baseUri)
    {
        this.app = app;
        DataPath = dataPath;
        BaseUri = baseUri;
    }

    public string DataPath { get; }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    public IServiceProvider Services => app.Services;

    /// <param name="configure">Runs last on the builder, e.g. to replace a service with a test double.</param>
    public static async Task<TestLocalCloud> StartAsync(string? dataPath = null, IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        dataPath ??= Path.Combine(Path.GetTempPath(), "picadaily-localcloud-tests", Guid.NewGuid().ToString("N"));
        var app = LocalCloudApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [DataFolder.EnvironmentVariable] = dataPath,
            });
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }

            configure?.Invoke(builder);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestLocalCloud(app, dataPath, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
