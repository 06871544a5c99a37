namespace PicADaily.AppHost;

/// <summary>
/// The default: LocalCloud stands in for all of Google Cloud on one port and pushes events to the
/// services; the provisioner applies the topology to it, as it does to the emulators and to Google Cloud.
/// </summary>
internal static class EmbeddedMode
{
    public static void AddEmbeddedMode(this IDistributedApplicationBuilder builder, EmbeddedSettings settings)
    {
        var localCloud = builder.AddLocalCloud(settings);
        var endpoints = CloudEndpoints.AllLocalCloud(localCloud.GetEndpoint("http"));
        var services = builder.AddPicADailyServices(endpoints, settings);
        builder.AddProvisioner(settings, endpoints, services).WaitFor(localCloud);
        foreach (var service in services)
        {
            service.WaitFor(localCloud);
        }
    }
}
