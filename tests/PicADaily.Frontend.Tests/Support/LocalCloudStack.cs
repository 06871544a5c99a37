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
/// More instances of the frontend can join (<see cref="StartAnotherFrontend"/>): they share its
/// Storage, Pub/Sub and Firestore, but the push subscriptions reach the first one only, as a load
/// balancer would send each push to one instance.
/// </summary>
public sealed class LocalCloudStack : IAsyncDisposable
{
    private readonly WebApplication cloud;
    private readonly Uri cloudUri;
    private readonly string dataPath;
    private readonly Action<IWebHostBuilder>? configure;
    private readonly List<WebApplicationFactory<Program>> others = [];

    private LocalCloudStack(WebApplication cloud, Uri cloudUri, string dataPath, Action<IWebHostBuilder>? configure, int frontendPort)
    {
        this.cloud = cloud;
        this.cloudUri = cloudUri;
        this.dataPath = dataPath;
        this.configure = configure;
        FrontendUri = new Uri($"http://127.0.0.1:{frontendPort}/");
        Frontend = StartFrontend(frontendPort);
    }

    /// <summary>The instance LocalCloud pushes to.</summary>
    public WebApplicationFactory<Program> Frontend { get; }

    public Uri FrontendUri { get; }

    public HttpClient Http() => new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = FrontendUri };

    /// <param name="configure">Settings for every frontend instance of this stack, applied after the emulator wiring.</param>
    public static async Task<LocalCloudStack> StartAsync(Action<IWebHostBuilder>? configure = null)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "picadaily-frontend-tests", Guid.NewGuid().ToString("N"));
        var frontendPort = FreePort();
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
        await PicADaily.Testing.LocalCloudTopology.ApplyAsync(cloudUri, new Dictionary<string, Uri> { ["frontend"] = new($"http://127.0.0.1:{frontendPort}/") });
        return new LocalCloudStack(cloud, cloudUri, dataPath, configure, frontendPort);
    }

    /// <summary>Another frontend instance over the same LocalCloud, which no push reaches; its address.</summary>
    public (WebApplicationFactory<Program> Frontend, Uri Uri) StartAnotherFrontend()
    {
        var port = FreePort();
        var frontend = StartFrontend(port);
        others.Add(frontend);
        return (frontend, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var other in others)
        {
            await other.DisposeAsync();
        }

        await Frontend.DisposeAsync();
        await cloud.StopAsync();
        await cloud.DisposeAsync();
        if (Directory.Exists(dataPath))
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private WebApplicationFactory<Program> StartFrontend(int port)
    {
        var frontend = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("GOOGLE_CLOUD_PROJECT", "picadaily-local");
            builder.UseSetting("STORAGE_EMULATOR_HOST", $"http://127.0.0.1:{cloudUri.Port}/storage/v1/");
            builder.UseSetting("PUBSUB_EMULATOR_HOST", $"127.0.0.1:{cloudUri.Port}");
            builder.UseSetting("FIRESTORE_EMULATOR_HOST", $"127.0.0.1:{cloudUri.Port}");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            configure?.Invoke(builder);
        });
        frontend.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        frontend.StartServer();
        return frontend;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
