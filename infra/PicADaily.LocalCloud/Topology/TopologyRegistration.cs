namespace PicADaily.LocalCloud.Topology;

/// <summary>
/// The one-line hook LocalCloudApp calls for the declared topology. Register it after every API:
/// hosted services start in registration order, and applying needs Pub/Sub, storage and the scheduler up.
/// </summary>
public static class TopologyRegistration
{
    public static WebApplicationBuilder AddLocalCloudTopology(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TopologyApplier>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TopologyApplier>());
        return builder;
    }
}
