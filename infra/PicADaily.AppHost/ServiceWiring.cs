namespace PicADaily.AppHost;

/// <summary>How a Pic-a-Daily service is wired to LocalCloud: endpoints in, push subscriptions out.</summary>
internal static class ServiceWiring
{
    public static IResourceBuilder<ProjectResource> AddPicADailyService<TProject>(this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ProjectResource> localCloud, EmbeddedSettings settings)
        where TProject : IProjectMetadata, new()
    {
        var endpoint = localCloud.GetEndpoint("http");
        var hostAndPort = ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.HostAndPort)}");
        var service = builder.AddProject<TProject>(name)
            .WithEnvironment("GOOGLE_CLOUD_PROJECT", EmbeddedSettings.ProjectId)
            .WithEnvironment("BUCKET_PICTURES", "pictures")
            .WithEnvironment("BUCKET_THUMBNAILS", "thumbnails")
            .WithEnvironment("STORAGE_EMULATOR_HOST", ReferenceExpression.Create($"{endpoint}/storage/v1/"))
            .WithEnvironment("PUBSUB_EMULATOR_HOST", hostAndPort)
            .WithEnvironment("FIRESTORE_EMULATOR_HOST", hostAndPort)
            .WithEnvironment("VISION_EMULATOR_HOST", hostAndPort)
            .WithSettings(settings.ServiceOverrides)
            .WaitFor(localCloud);

        // LocalCloud resolves each subscription's push endpoint from services__{name}__http__0.
        localCloud.WithReference(service);
        return service;
    }

    public static IResourceBuilder<ProjectResource> WithSettings(this IResourceBuilder<ProjectResource> resource, IReadOnlyDictionary<string, string> settings)
    {
        foreach (var (name, value) in settings)
        {
            resource.WithEnvironment(name, value);
        }

        return resource;
    }
}
