using PicADaily.LocalCloud.Tests.Support;

namespace PicADaily.LocalCloud.Tests.Differential;

/// <summary>
/// LocalCloud and Google's Pub/Sub and Firestore emulators, each on its own 127.0.0.1 port, started once
/// for the whole differential collection (java takes ~10 s to answer, more on a loaded machine) and
/// stopped with every child process when it ends.
/// </summary>
public sealed class DifferentialTargets : IAsyncLifetime
{
    // Generous: two JVMs start side by side on a shared two-core machine.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private TestLocalCloud? localCloud;
    private EmulatorProcess? pubSub;
    private EmulatorProcess? firestore;

    public Target LocalCloud { get; private set; } = null!;

    public Target PubSubEmulator { get; private set; } = null!;

    public Target FirestoreEmulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var pubSubStart = EmulatorProcess.StartAsync(CloudSdk.PubSubEmulator, [], "v1/projects/probe/topics", StartTimeout);
        var firestoreStart = EmulatorProcess.StartAsync(CloudSdk.FirestoreEmulator, ["start"], "", StartTimeout);
        var localCloudStart = TestLocalCloud.StartAsync();
        try
        {
            await Task.WhenAll(pubSubStart, firestoreStart, localCloudStart);
        }
        finally
        {
            // Whatever started is kept, so DisposeAsync stops it even when another one failed.
            pubSub = pubSubStart.IsCompletedSuccessfully ? pubSubStart.Result : null;
            firestore = firestoreStart.IsCompletedSuccessfully ? firestoreStart.Result : null;
            localCloud = localCloudStart.IsCompletedSuccessfully ? localCloudStart.Result : null;
        }

        LocalCloud = new Target("LocalCloud", localCloud!.BaseUri);
        PubSubEmulator = new Target("Pub/Sub emulator", pubSub!.BaseUri);
        FirestoreEmulator = new Target("Firestore emulator", firestore!.BaseUri);
    }

    public async Task DisposeAsync()
    {
        foreach (var target in new[] { LocalCloud, PubSubEmulator, FirestoreEmulator })
        {
            target?.Dispose();
        }

        if (localCloud is not null)
        {
            await localCloud.DisposeAsync();
        }

        // Both are stopped even if the first one's check finds a leftover process.
        var stops = new[] { pubSub, firestore }.OfType<EmulatorProcess>().Select(e => e.DisposeAsync().AsTask());
        await Task.WhenAll(stops);
    }
}

/// <summary>One server under comparison and a client for it.</summary>
public sealed class Target(string name, Uri baseUri) : IDisposable
{
    public string Name { get; } = name;

    public HttpClient Http { get; } = new() { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };

    public void Dispose() => Http.Dispose();
}

[CollectionDefinition(Name)]
public sealed class DifferentialCollection : ICollectionFixture<DifferentialTargets>
{
    public const string Name = "Differential: LocalCloud vs Google's emulators";
}
