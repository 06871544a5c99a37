extern alias localcloud;
using System.Net;
using System.Net.Sockets;
using localcloud::PicADaily.LocalCloud.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace PicADaily.Frontend.Tests.Support;

/// <summary>
/// A real LocalCloud (Storage, Pub/Sub push, Firestore) on 127.0.0.1, and the frontend on Kestrel
/// with nothing faked, wired the way the AppHost wires it: emulator variables in, a push endpoint out.
/// </summary>
public sealed class LocalCloudStack : IAsyncDisposable
{
    private readonly WebApplication cloud;
    private readonly string dataPath;

    private LocalCloudStack(WebApplication cloud, string dataPath, WebApplicationFactory<Program> frontend, Uri frontendUri)
    {
        this.cloud = cloud;
        this.dataPath = dataPath;
        Frontend = frontend;
        FrontendUri = frontendUri;
    }

    public WebApplicationFactory<Program> Frontend { get; }

    public Uri FrontendUri { get; }

    public HttpClient Http() => new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = FrontendUri };

    public static async Task<LocalCloudStack> StartAsync()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "picadaily-frontend-tests", Guid.NewGuid().ToString("N"));
        var frontendPort = FreePort();
        var frontendUri = new Uri($"http://127.0.0.1:{frontendPort}/");
        var cloud = LocalCloudApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [DataFolder.EnvironmentVariable] = dataPath,
                ["LocalCloud:TopologyPath"] = PicADaily.Testing.LocalCloudTopology.RepositoryTopologyPath,
                ["LocalCloud:ProjectId"] = "picadaily-local",
                ["Logging:LogLevel:Default"] = "Warning",
            });
        });
        await cloud.StartAsync();
        var cloudUri = new Uri(cloud.Urls.First());
        // Only the frontend runs here: its subscriptions push to it, the other services' are not created.
        await PicADaily.Testing.LocalCloudTopology.ApplyAsync(cloudUri, new Dictionary<string, Uri> { ["frontend"] = frontendUri });

        var frontend = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("GOOGLE_CLOUD_PROJECT", "picadaily-local");
            builder.UseSetting("STORAGE_EMULATOR_HOST", $"http://127.0.0.1:{cloudUri.Port}/storage/v1/");
            builder.UseSetting("PUBSUB_EMULATOR_HOST", $"127.0.0.1:{cloudUri.Port}");
            builder.UseSetting("FIRESTORE_EMULATOR_HOST", $"127.0.0.1:{cloudUri.Port}");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        frontend.UseKestrel(options => options.Listen(IPAddress.Loopback, frontendPort));
        frontend.StartServer();
        return new LocalCloudStack(cloud, dataPath, frontend, frontendUri);
    }

    public async ValueTask DisposeAsync()
    {
        await Frontend.DisposeAsync();
        await cloud.StopAsync();
        await cloud.DisposeAsync();
        if (Directory.Exists(dataPath))
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
