namespace PicADaily.AppHost;

/// <summary>
/// <c>--emulators</c>: Google's official Pub/Sub and Firestore emulators; LocalCloud only for what
/// Google ships no emulator of (Cloud Storage with its notifications, Vision, the schedule), and it
/// publishes into the Pub/Sub emulator. The provisioner (the same code that provisions Google
/// Cloud, the same one docker compose runs) applies infra/topology.json, push subscriptions pointing
/// at the services' endpoints, before the services start.
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
        var provisioner = builder.AddProject<Projects.PicADaily_Provisioner>("provisioner")
            .WithEnvironment("TOPOLOGY_PATH", settings.TopologyPath)
            .WithEnvironment("GOOGLE_CLOUD_PROJECT", EmbeddedSettings.ProjectId)
            .WithEnvironment("PUBSUB_EMULATOR_HOST", endpoints.PubSub)
            .WithEnvironment("STORAGE_EMULATOR_HOST", endpoints.Storage)
            .WaitFor(pubSub)
            .WaitFor(localCloud);
        foreach (var service in services)
        {
            // Endpoints are allocated before anything starts, so the push URLs are known here; a
            // push that reaches a service still starting is simply retried by the emulator.
            provisioner.WithArgs("--endpoint", ReferenceExpression.Create($"{service.Resource.Name}={service.GetEndpoint("http")}"));
            service.WaitFor(localCloud).WaitFor(firestore).WaitForCompletion(provisioner);
        }
    }
}
