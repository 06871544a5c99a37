namespace PicADaily.AppHost;

/// <summary>
/// <c>--emulators</c>: Google's official Pub/Sub and Firestore emulators; LocalCloud only for what
/// Google ships no emulator of (Cloud Storage with its notifications, Vision, the schedule), and it
/// publishes into the Pub/Sub emulator. The provisioner applies infra/topology.json to them before
/// the services start (<see cref="ProvisionerWiring"/>).
/// </summary>
internal static class EmulatorsMode
{
    public const string Flag = "--emulators";

    public static void AddEmulatorsMode(this IDistributedApplicationBuilder builder, EmbeddedSettings settings, GoogleCloudSdk sdk)
    {
        var pubSub = builder.AddPubSubEmulator(sdk);
        var firestore = builder.AddFirestoreEmulator(sdk);
        var pubSubHost = CloudEndpoints.HostAndPortOf(pubSub.GetEndpoint("http"));

        var localCloud = builder.AddLocalCloud(settings)
            .WithEnvironment("LocalCloud__PubSubEmulatorHost", pubSubHost)
            .WaitFor(pubSub);
        var localCloudEndpoint = localCloud.GetEndpoint("http");
        var endpoints = new CloudEndpoints(
            Storage: CloudEndpoints.StorageOf(localCloudEndpoint),
            PubSub: pubSubHost,
            Firestore: CloudEndpoints.HostAndPortOf(firestore.GetEndpoint("http")),
            Vision: CloudEndpoints.HostAndPortOf(localCloudEndpoint));

        var services = builder.AddPicADailyServices(endpoints, settings);
        builder.AddProvisioner(settings, endpoints, services).WaitFor(pubSub).WaitFor(localCloud);
        foreach (var service in services)
        {
            service.WaitFor(localCloud).WaitFor(firestore);
        }
    }
}
