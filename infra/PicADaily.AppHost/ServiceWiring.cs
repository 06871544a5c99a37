namespace PicADaily.AppHost;

/// <summary>How the Pic-a-Daily services are added: the same settings in every mode, only endpoints change.</summary>
internal static class ServiceWiring
{
    public const string DevelopmentIdentity = "developer@localhost";

    public static IReadOnlyList<IResourceBuilder<ProjectResource>> AddPicADailyServices(this IDistributedApplicationBuilder builder, CloudEndpoints endpoints, EmbeddedSettings settings) =>
    [
        builder.AddPicADailyService<Projects.PicADaily_ImageAnalysis>("image-analysis", endpoints, settings),
        builder.AddPicADailyService<Projects.PicADaily_Thumbnail>("thumbnail", endpoints, settings),
        builder.AddPicADailyService<Projects.PicADaily_Collage>("collage", endpoints, settings),
        builder.AddPicADailyService<Projects.PicADaily_GarbageCollection>("garbage-collection", endpoints, settings),
        // Locally nobody signs in: a labelled stand-in identity is recorded as the uploader (it is no admin).
        builder.AddPicADailyService<Projects.PicADaily_Frontend>("frontend", endpoints, settings)
            .WithEnvironment("Access__DevelopmentIdentity", DevelopmentIdentity)
            .WithDashboardLink(settings.DashboardUrl),
    ];

    // Picture pages link to the picture's trace in the dashboard.
    private static IResourceBuilder<ProjectResource> WithDashboardLink(this IResourceBuilder<ProjectResource> frontend, string? dashboardUrl) =>
        dashboardUrl is null ? frontend : frontend.WithEnvironment("Traces__DashboardUrl", dashboardUrl);

    public static IResourceBuilder<ProjectResource> AddLocalCloud(this IDistributedApplicationBuilder builder, EmbeddedSettings settings) =>
        builder.AddProject<Projects.PicADaily_LocalCloud>("localcloud")
            .WithEnvironment("PICADAILY_DATA", settings.DataPath)
            .WithEnvironment("LocalCloud__TopologyPath", settings.TopologyPath)
            .WithEnvironment("LocalCloud__ProjectId", EmbeddedSettings.ProjectId)
            .WithSettings(settings.LocalCloudOverrides);

    private static IResourceBuilder<ProjectResource> AddPicADailyService<TProject>(this IDistributedApplicationBuilder builder, string name, CloudEndpoints endpoints, EmbeddedSettings settings)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name)
            .WithEnvironment("GOOGLE_CLOUD_PROJECT", EmbeddedSettings.ProjectId)
            .WithEnvironment("BUCKET_PICTURES", "pictures")
            .WithEnvironment("BUCKET_THUMBNAILS", "thumbnails")
            .WithEnvironment("STORAGE_EMULATOR_HOST", endpoints.Storage)
            .WithEnvironment("PUBSUB_EMULATOR_HOST", endpoints.PubSub)
            .WithEnvironment("FIRESTORE_EMULATOR_HOST", endpoints.Firestore)
            .WithEnvironment("VISION_EMULATOR_HOST", endpoints.Vision)
            .WithSettings(settings.ServiceOverrides);

    private static IResourceBuilder<ProjectResource> WithSettings(this IResourceBuilder<ProjectResource> resource, IReadOnlyDictionary<string, string> settings)
    {
        foreach (var (name, value) in settings)
        {
            resource.WithEnvironment(name, value);
        }

        return resource;
    }
}
