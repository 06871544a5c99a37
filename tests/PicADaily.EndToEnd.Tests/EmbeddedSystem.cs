using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.GoogleCloud.Firestore;
using PicADaily.GoogleCloud.Pictures;

namespace PicADaily.EndToEnd.Tests;

/// <summary>
/// The embedded default started through the app host, with its own data folder, fast retries and
/// a schedule that never fires by itself (tests send collage ticks when they want one).
/// A pull subscription on picture-activity lets tests see every event the services publish.
/// </summary>
public sealed class EmbeddedSystem : IAsyncLifetime
{
    public const string Project = "picadaily-local";
    private DistributedApplication? app;
    private ServiceProvider? clients;

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "picadaily-e2e", Guid.NewGuid().ToString("N"));

    public string PicturesFolder => Path.Combine(DataPath, "buckets", "pictures");

    public HttpClient LocalCloud { get; private set; } = null!;

    /// <summary>Where the frontend answers, e.g. <c>http://localhost:8080/</c>.</summary>
    public Uri Frontend { get; private set; } = null!;

    public PictureCatalog Catalog => clients!.GetRequiredService<PictureCatalog>();

    public PictureStorage Storage => clients!.GetRequiredService<PictureStorage>();

    public IFirestoreClient Firestore => clients!.GetRequiredService<IFirestoreClient>();

    public ActivityLog Activity { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var starting = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PicADaily_AppHost>(
            [
                $"PICADAILY_DATA={DataPath}",
                "CollageSchedule=0 0 1 1 *", // once a year: ticks come from the tests
                "RetryMinimumBackoff=0.5s",
                "RetryMaximumBackoff=2s",
                "FolderSettleInterval=00:00:00.300",
                "FolderIncompleteGrace=00:00:03", // the corrupt-picture test drops a cut-off JPEG
            ],
            starting.Token);
        app = await builder.BuildAsync(starting.Token);
        await app.StartAsync(starting.Token);
        foreach (var service in new[] { "localcloud", "image-analysis", "thumbnail", "collage", "garbage-collection", "frontend" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service, starting.Token);
        }

        Frontend = app.GetEndpoint("frontend", "http");
        var endpoint = app.GetEndpoint("localcloud", "http");
        LocalCloud = new HttpClient { BaseAddress = endpoint };
        clients = BuildClients(endpoint);
        Activity = await ActivityLog.SubscribeAsync(LocalCloud, Project);
    }

    public async Task DisposeAsync()
    {
        LocalCloud?.Dispose();
        if (clients is not null)
        {
            await clients.DisposeAsync();
        }

        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Writes a picture into the bucket folder the way a person would, via a temporary file and a move.</summary>
    public async Task DropAsync(string name, byte[] content)
    {
        var target = Path.Combine(PicturesFolder, name);
        var staging = Path.Combine(DataPath, "staging-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(staging, content);
        File.Move(staging, target, overwrite: true);
    }

    /// <summary>What a Cloud Scheduler tick would publish to the collage topic.</summary>
    public async Task TickCollageAsync()
    {
        var body = new { messages = new[] { new { data = Convert.ToBase64String("refresh"u8.ToArray()), attributes = new Dictionary<string, string> { ["job"] = "collage-refresh" } } } };
        var response = await LocalCloud.PostAsJsonAsync($"v1/projects/{Project}/topics/collage-refresh:publish", body);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Registers what LocalCloud's Vision answers for exactly these bytes.</summary>
    public async Task CannedVisionAsync(byte[] picture, object annotation)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(picture));
        var response = await LocalCloud.PutAsync($"localcloud/vision/canned/{hash}", new StringContent(JsonSerializer.Serialize(annotation), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    private static ServiceProvider BuildClients(Uri localCloud)
    {
        var hostAndPort = $"{localCloud.Host}:{localCloud.Port}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GOOGLE_CLOUD_PROJECT"] = Project,
            ["STORAGE_EMULATOR_HOST"] = hostAndPort,
            ["PUBSUB_EMULATOR_HOST"] = hostAndPort,
            ["FIRESTORE_EMULATOR_HOST"] = hostAndPort,
            ["VISION_EMULATOR_HOST"] = hostAndPort,
        }).Build();
        return new ServiceCollection().AddPictureServices(configuration).BuildServiceProvider();
    }
}
