namespace PicADaily.AppHost;

/// <summary>
/// The provisioner (<c>infra/PicADaily.Provisioner</c>, the code that provisions Google Cloud and
/// the one docker compose runs) as a one-shot resource: it applies infra/topology.json, push
/// subscriptions pointing at the services, and the services start once it has finished, in every mode.
/// </summary>
internal static class ProvisionerWiring
{
    public static IResourceBuilder<ProjectResource> AddProvisioner(
        this IDistributedApplicationBuilder builder, EmbeddedSettings settings, CloudEndpoints endpoints, IReadOnlyList<IResourceBuilder<ProjectResource>> services)
    {
        var provisioner = builder.AddProject<Projects.PicADaily_Provisioner>("provisioner")
            .WithEnvironment("TOPOLOGY_PATH", settings.TopologyPath)
            .WithEnvironment("GOOGLE_CLOUD_PROJECT", EmbeddedSettings.ProjectId)
            .WithEnvironment("PUBSUB_EMULATOR_HOST", endpoints.PubSub)
            .WithEnvironment("STORAGE_EMULATOR_HOST", endpoints.Storage)
            .WithArgs([.. settings.ProvisionerArguments]);
        foreach (var service in services)
        {
            // Endpoints are allocated before anything starts, so the push URLs are known here; a
            // push that reaches a service still starting is simply retried.
            provisioner.WithArgs("--endpoint", ReferenceExpression.Create($"{service.Resource.Name}={service.GetEndpoint("http")}"));
            service.WaitForCompletion(provisioner);
        }

        return provisioner;
    }
}
