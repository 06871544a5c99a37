namespace PicADaily.AppHost;

/// <summary>
/// Google's official Pub/Sub and Firestore emulators as executable resources: plain processes (no
/// Docker) on loopback, a port chosen free by the orchestrator, healthy once their REST API answers.
/// </summary>
internal static class GoogleEmulators
{
    public static IResourceBuilder<ExecutableResource> AddPubSubEmulator(this IDistributedApplicationBuilder builder, GoogleCloudSdk sdk) =>
        builder.AddEmulator("pubsub-emulator", sdk.PubSubEmulator, sdk, [])
            // Answers as soon as its REST API is up; any project name does.
            .WithHttpHealthCheck($"/v1/projects/{EmbeddedSettings.ProjectId}/topics");

    public static IResourceBuilder<ExecutableResource> AddFirestoreEmulator(this IDistributedApplicationBuilder builder, GoogleCloudSdk sdk) =>
        builder.AddEmulator("firestore-emulator", sdk.FirestoreEmulator, sdk, ["start"])
            .WithHttpHealthCheck("/"); // "Ok"

    private static IResourceBuilder<ExecutableResource> AddEmulator(this IDistributedApplicationBuilder builder, string name, string script, GoogleCloudSdk sdk, string[] command)
    {
        var emulator = builder.AddExecutable(name, script, sdk.Root, command)
            .WithHttpEndpoint(name: "http");
        var port = emulator.GetEndpoint("http").Property(EndpointProperty.TargetPort);
        // The orchestrator picks the emulator's own port; its proxy in front listens on localhost too.
        return emulator.WithArgs("--host=127.0.0.1", ReferenceExpression.Create($"--port={port}"));
    }
}
