using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.GoogleCloud.Firestore;
using PicADaily.Pictures;

namespace PicADaily.EndToEnd.Tests;

/// <summary>
/// The whole system started through the app host, in one of its modes, with its own data folder,
/// fast retries and a schedule that never fires by itself (tests send collage ticks when they want
/// one). A pull subscription on picture-activity lets tests see every event the services publish.
/// Derive and pass more app host arguments to start it differently; each scenario class takes the
/// system through a collection fixture, so it starts once per mode, not per test.
/// </summary>
public abstract class PicADailySystem(bool emulators, params string[] extraArguments) : IAsyncLifetime
{
    public const string Project = "picadaily-local";
    private static readonly string[] Services = ["image-analysis", "thumbnail", "collage", "garbage-collection", "frontend"];
    private DistributedApplication? app;
    private ServiceProvider? clients;

    /// <summary>True with Google's official Pub/Sub and Firestore emulators (<c>--emulators</c>), false for the embedded default.</summary>
    public bool OnGoogleEmulators => emulators;

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "picadaily-e2e", Guid.NewGuid().ToString("N"));

    public string PicturesFolder => Path.Combine(DataPath, "buckets", "pictures");

    /// <summary>LocalCloud: Storage and Vision in both modes; Pub/Sub and Firestore too in the embedded one.</summary>
    public HttpClient LocalCloud { get; private set; } = null!;

    /// <summary>Where the topics live: LocalCloud, or the official Pub/Sub emulator.</summary>
    public HttpClient PubSub { get; private set; } = null!;

    /// <summary>Where the frontend answers, e.g. <c>http://localhost:8080/</c>.</summary>
    public Uri Frontend { get; private set; } = null!;

    public PictureCatalog Catalog => clients!.GetRequiredService<PictureCatalog>();

    public PictureStorage Storage => clients!.GetRequiredService<PictureStorage>();

    public IFirestoreClient Firestore => clients!.GetRequiredService<IFirestoreClient>();

    public ActivityLog Activity { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Java start-up of the emulators takes ~10 s alone, more on a loaded machine.
        using var starting = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        string[] arguments =
        [
            $"PICADAILY_DATA={DataPath}",
            "CollageSchedule=0 0 1 1 *", // once a year: ticks come from the tests
            "RetryMinimumBackoff=0.5s",
            "RetryMaximumBackoff=2s",
            "FolderSettleInterval=00:00:00.300",
            "FolderIncompleteGrace=00:00:03", // the corrupt-file test drops a cut-off JPEG on purpose
            .. emulators ? ["--emulators"] : Array.Empty<string>(),
            .. extraArguments,
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PicADaily_AppHost>(arguments, starting.Token);
        await ConfigureAsync(builder);
        app = await builder.BuildAsync(starting.Token);
        await app.StartAsync(starting.Token);
        foreach (var service in Services.Prepend("localcloud"))
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service, starting.Token);
        }

        // "Healthy" above means only that the launcher runs (the services declare no health check to the
        // app host): a test must not publish before every service answers, or its first pushes are refused.
        using (var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
        {
            foreach (var service in Services)
            {
                var alive = new Uri(app.GetEndpoint(service, "http"), "alive");
                await Quiet.UntilAsync(async () => await AnswersAsync(probe, alive), TimeSpan.FromMinutes(3), $"{service} answering {alive}");
            }
        }

        Frontend = app.GetEndpoint("frontend", "http");
        var localCloud = app.GetEndpoint("localcloud", "http");
        var pubSub = emulators ? app.GetEndpoint("pubsub-emulator", "http") : localCloud;
        var firestore = emulators ? app.GetEndpoint("firestore-emulator", "http") : localCloud;
        LocalCloud = new HttpClient { BaseAddress = localCloud };
        PubSub = new HttpClient { BaseAddress = pubSub };
        clients = BuildClients(localCloud, pubSub, firestore);
        Activity = await ActivityLog.SubscribeAsync(PubSub, Project);
        await StartedAsync(app);
    }

    internal static async Task<bool> AnswersAsync(HttpClient probe, Uri alive)
    {
        try
        {
            using var response = await probe.GetAsync(alive);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false; // not listening yet
        }
    }

    /// <summary>Lets a derived system change the app before it is built (e.g. where LocalCloud pushes).</summary>
    protected virtual Task ConfigureAsync(IDistributedApplicationTestingBuilder builder) => Task.CompletedTask;

    /// <summary>Runs once every resource is healthy.</summary>
    protected virtual Task StartedAsync(DistributedApplication started) => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        LocalCloud?.Dispose();
        PubSub?.Dispose();
        if (clients is not null)
        {
            await clients.DisposeAsync();
        }

        if (app is not null)
        {
            // Stops every process it started, the emulators' JVMs included.
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>
    /// Waits until LocalCloud has no push backlog or delivery in flight. The official Pub/Sub
    /// emulator reports neither, so on it this returns at once and callers poll for the outcome.
    /// </summary>
    public Task UntilDeliveredAsync(TimeSpan timeout) =>
        emulators ? Task.CompletedTask : Quiet.UntilNoDeliveryPendingAsync(LocalCloud, timeout);

    /// <summary>Waits until the frontend's API lists every one of <paramref name="kinds"/> in the picture's timeline.</summary>
    public async Task UntilRecordedAsync(string name, IReadOnlyCollection<string> kinds, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Frontend };
        await Quiet.UntilAsync(
            async () =>
            {
                using var response = await http.GetAsync(new Uri("api/pictures/" + name, UriKind.Relative));
                if (!response.IsSuccessStatusCode)
                {
                    return false; // not known yet
                }

                var picture = await response.Content.ReadFromJsonAsync<JsonElement>();
                var recorded = picture.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
                return kinds.All(recorded.Contains);
            },
            timeout,
            $"{string.Join(", ", kinds)} recorded in the timeline of {name}");
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
        var response = await PubSub.PostAsJsonAsync($"v1/projects/{Project}/topics/collage-refresh:publish", body);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Registers what LocalCloud's Vision answers for exactly these bytes.</summary>
    public async Task CannedVisionAsync(byte[] picture, object annotation)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(picture));
        var response = await LocalCloud.PutAsync($"localcloud/vision/canned/{hash}", new StringContent(JsonSerializer.Serialize(annotation), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    private static ServiceProvider BuildClients(Uri localCloud, Uri pubSub, Uri firestore)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GOOGLE_CLOUD_PROJECT"] = Project,
            ["STORAGE_EMULATOR_HOST"] = localCloud.Authority,
            ["PUBSUB_EMULATOR_HOST"] = pubSub.Authority,
            ["FIRESTORE_EMULATOR_HOST"] = firestore.Authority,
            ["VISION_EMULATOR_HOST"] = localCloud.Authority,
        }).Build();
        return new ServiceCollection().AddPictureServices(configuration).BuildServiceProvider();
    }
}

/// <summary>The embedded default: LocalCloud stands in for all of Google Cloud.</summary>
public sealed class EmbeddedSystem() : PicADailySystem(emulators: false);

/// <summary><c>--emulators</c>: Google's official Pub/Sub and Firestore emulators, LocalCloud for Storage, Vision and the schedule.</summary>
public sealed class EmulatorsSystem() : PicADailySystem(emulators: true);

/// <summary>Every scenario class of the embedded mode shares one running system.</summary>
[CollectionDefinition(Name)]
public sealed class OnEmbedded : ICollectionFixture<EmbeddedSystem>
{
    public const string Name = "embedded system";
}

/// <summary>Every scenario class of the emulators mode shares one running system.</summary>
[CollectionDefinition(Name)]
public sealed class OnEmulators : ICollectionFixture<EmulatorsSystem>
{
    public const string Name = "system on Google's emulators";
}
