using System.Globalization;
using System.Security.Cryptography;

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

using PicADaily.LocalCloud.Hosting;
using PicADaily.LocalCloud.Storage;
using PicADaily.LocalCloud.Storage.Folders;
using PicADaily.LocalCloud.Storage.Http;
using PicADaily.LocalCloud.Storage.Model;
using PicADaily.LocalCloud.Storage.Notifications;
using PicADaily.LocalCloud.Storage.State;

namespace PicADaily.LocalCloud.Tests.Storage;

/// <summary>A notification the folder scanner queued, read straight from the outbox (nothing publishes it).</summary>
public sealed record QueuedNotification(string EventType, string ObjectId, long Generation)
{
    public override string ToString() => $"{EventType} {ObjectId}#{Generation}";
}

/// <summary>
/// The bucket-folder scanner on a real data folder but with a fake clock and no background loop:
/// a test writes files the way a copying tool does, then runs scans and moves the clock itself, so
/// "the file stayed unchanged for longer than the settle interval" happens exactly when the test says,
/// however loaded the machine is. Notifications are counted in the outbox, where the scanner puts them.
/// </summary>
public sealed class FolderScannerHarness : IDisposable
{
    public const string Bucket = "pictures";
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    private readonly StorageIndex index;
    private readonly BucketFolderScanner scanner;

    private FolderScannerHarness(string dataPath, StorageOptions settings)
    {
        DataPath = dataPath;
        Options = settings;
        var paths = new StoragePaths(Microsoft.Extensions.Options.Options.Create(new LocalCloudOptions { DataPath = dataPath }));
        index = new StorageIndex(paths);
        var mutex = new StorageMutex();
        Store = new ObjectStore(paths, index, mutex, new NotificationOutbox(new PublicEndpoint(new NoServer())), new AsyncSignal(), Time);
        Catalog = new BucketCatalog(paths, index, mutex, Time);
        scanner = new BucketFolderScanner(paths, index, Store, Microsoft.Extensions.Options.Options.Create(settings), Time, NullLogger<BucketFolderScanner>.Instance);
        Folder = paths.BucketFolder(Bucket);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    public StorageOptions Options { get; }

    public ObjectStore Store { get; }

    public BucketCatalog Catalog { get; }

    public string DataPath { get; }

    /// <summary>The bucket folder of <see cref="Bucket"/>.</summary>
    public string Folder { get; }

    public static async Task<FolderScannerHarness> StartAsync(TimeSpan? incompleteGrace = null)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "picadaily-localcloud-tests", Guid.NewGuid().ToString("N"));
        var harness = new FolderScannerHarness(dataPath, new StorageOptions { SettleInterval = Settle, IncompleteGrace = incompleteGrace });
        await harness.Catalog.CreateAsync(Bucket, "picadaily-local", CancellationToken.None);
        await harness.Catalog.CreateNotificationAsync(Bucket, NotificationTestSupport.Topic, "JSON_API_V1",
            [NotificationOutbox.Finalize, NotificationOutbox.Delete], null, new Dictionary<string, string>(), CancellationToken.None);
        return harness;
    }

    public string PathOf(string name) => Path.Combine(Folder, name.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>One scan at the current fake time.</summary>
    public Task ScanAsync() => scanner.ScanAsync(CancellationToken.None);

    /// <summary>Moves the clock by <paramref name="elapsed"/>, then scans: to the scanner, the files were untouched that long.</summary>
    public async Task ScanAfterAsync(TimeSpan elapsed)
    {
        Time.Advance(elapsed);
        await ScanAsync();
    }

    /// <summary>What a quiet folder ends up as: a scan, then one after more than the settle interval (twice, so a file changed in between settles too).</summary>
    public async Task SettleAsync()
    {
        await ScanAsync();
        await ScanAfterAsync(Settle + TimeSpan.FromMilliseconds(1));
        await ScanAfterAsync(Settle + TimeSpan.FromMilliseconds(1));
    }

    /// <summary>Scans as a starved scanner would see it: every look is more than a settle interval after the previous one.</summary>
    public Task StalledScanAsync() => ScanAfterAsync(Settle * 3);

    public IReadOnlyList<QueuedNotification> Notifications()
    {
        using var session = index.Open();
        return [.. session.DueOutbox(long.MaxValue, 10_000).Select(e => new QueuedNotification(
            e.Attributes["eventType"], e.Attributes["objectId"], long.Parse(e.Attributes["objectGeneration"], CultureInfo.InvariantCulture)))];
    }

    public IReadOnlyList<QueuedNotification> Finalizes(string name) =>
        [.. Notifications().Where(n => n.EventType == NotificationOutbox.Finalize && n.ObjectId == name)];

    public StoredObject? Get(string name) => Store.Get(Bucket, name);

    public IReadOnlyList<StoredObject> Objects()
    {
        using var session = index.Open();
        return session.ListAllObjects();
    }

    /// <summary>Asserts the one generation of <paramref name="name"/> holds exactly <paramref name="content"/> and was announced once, with nothing else about it.</summary>
    public void AssertOneGeneration(string name, byte[] content)
    {
        var stored = Get(name) ?? throw new Xunit.Sdk.XunitException($"{name} is not an object; notifications: {string.Join(", ", Notifications())}");
        var finalize = Assert.Single(Notifications(), n => n.ObjectId == name);
        Assert.Equal(NotificationOutbox.Finalize, finalize.EventType);
        Assert.Equal(stored.Generation, finalize.Generation);
        Assert.Equal(content.Length, stored.Size);
        Assert.Equal(Convert.ToBase64String(MD5.HashData(content)), stored.Md5Hash);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    /// <summary>Notification payloads need a server address; none listens here.</summary>
    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public void Dispose()
        {
        }

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
