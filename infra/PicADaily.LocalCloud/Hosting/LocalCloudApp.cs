using Microsoft.Extensions.Options;

using PicADaily.LocalCloud.PubSub;
using PicADaily.LocalCloud.Topology;

namespace PicADaily.LocalCloud.Hosting;

/// <summary>
/// Builds the LocalCloud web application. Program.cs runs it; tests start their own instances on
/// an ephemeral loopback port with a temporary data folder.
/// </summary>
public static class LocalCloudApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Durations read "500ms", "2s", "1m" as well as "00:00:02", as in the app host and the services.
        Contracts.Configuration.Durations.AcceptInConfiguration();
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddOptions<LocalCloudOptions>()
            .Bind(builder.Configuration.GetSection(LocalCloudOptions.SectionName))
            .PostConfigure(options => options.DataPath = DataFolder.Resolve(options.DataPath, builder.Configuration));
        builder.AddLocalCloudTelemetry();
        // Each API registers its services here (one line per API). Hosted services start in this order:
        // Pub/Sub first, so it has resumed its topics and subscriptions from disk before the storage outbox
        // publishes a notification (one published while only the topics were loaded reached no subscription
        // and was dropped: a FINALIZE lost across a restart).
        builder.AddLocalCloudPubSub();
        builder.Services.AddStorageApi();
        builder.AddLocalCloudScheduler();
        builder.Services.AddLocalFirestore();
        builder.Services.AddLocalVision();
        builder.AddTopologySchedules(); // after the scheduler: it registers the schedules of infra/topology.json

        configure?.Invoke(builder);

        var app = builder.Build();
        var options = app.Services.GetRequiredService<IOptions<LocalCloudOptions>>().Value;
        app.Logger.LogInformation("LocalCloud keeps its state in {DataPath}", options.DataPath);
        app.MapGet("/", () => "LocalCloud: Cloud Storage, Pub/Sub, Firestore and Vision stand-ins for Pic-a-Daily.");
        // Each API maps its endpoints here (one line per API).
        app.MapStorageApi();
        app.MapLocalCloudPubSub();
        app.MapLocalCloudStatus();
        app.MapLocalFirestore();
        app.MapLocalVision();

        return app;
    }
}
