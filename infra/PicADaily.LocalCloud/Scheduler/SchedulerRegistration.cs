namespace PicADaily.LocalCloud.Scheduler;

/// <summary>The one-line hook LocalCloudApp calls for the scheduler (jobs come from the topology).</summary>
public static class SchedulerRegistration
{
    public static WebApplicationBuilder AddLocalCloudScheduler(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<JobScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobScheduler>());
        return builder;
    }
}
