namespace PicADaily.LocalCloud.Topology;

/// <summary>
/// The one-line hook LocalCloudApp calls for the declared schedules. Register it after the scheduler:
/// hosted services start in registration order.
/// </summary>
public static class TopologyRegistration
{
    public static WebApplicationBuilder AddTopologySchedules(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<TopologySchedules>();
        return builder;
    }
}
