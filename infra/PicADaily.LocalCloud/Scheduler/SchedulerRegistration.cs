namespace PicADaily.LocalCloud.Scheduler;

/// <summary>The one-line hook LocalCloudApp calls for the scheduler (jobs come from the topology).</summary>
public static class SchedulerRegistration
{
    public static WebApplicationBuilder AddLocalCloudScheduler(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(nameof(ExternalPubSubPublisher));
        // Decided when resolved, so configuration added after registration (tests, the app host) counts.
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>()[ExternalPubSubPublisher.ConfigurationKey] is { Length: > 0 } external
            ? ActivatorUtilities.CreateInstance<JobScheduler>(sp, ExternalPubSubPublisher.Create(sp.GetRequiredService<IHttpClientFactory>(), external))
            : ActivatorUtilities.CreateInstance<JobScheduler>(sp));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobScheduler>());
        return builder;
    }
}
