using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PicADaily.Contracts.Configuration;
using PicADaily.Contracts.Topology;
using PicADaily.ServiceDefaults.Events;

namespace PicADaily.ServiceDefaults.Hosting;

/// <summary>How every Pic-a-Daily service runs: settings, telemetry, health, the event endpoint's rules.</summary>
public static class ServiceDefaultsExtensions
{
    private const string LiveTag = "live";

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        // Before any option is bound: durations read "500ms", "2s", "1m" as well as "00:00:02", as everywhere.
        Durations.AcceptInConfiguration();
        var configuration = builder.Configuration;

        builder.Services.AddOptions<PicADailySettings>().Configure(settings =>
        {
            settings.ServiceName = serviceName;
            settings.PicturesBucket = configuration[PicADailySettings.PicturesBucketVariable] is { Length: > 0 } pictures ? pictures : settings.PicturesBucket;
            settings.ThumbnailsBucket = configuration[PicADailySettings.ThumbnailsBucketVariable] is { Length: > 0 } thumbnails ? thumbnails : settings.ThumbnailsBucket;
        });

        ListenOnPortWhenGiven(builder);
        builder.AddPicADailyTelemetry(serviceName);

        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.AddServiceDiscovery();
        // No retrying handler on every HttpClient: the only clients the services make are the Google REST
        // clients, which retry per call, knowing which calls are safe to repeat (a POST may be a read like
        // runQuery or a create); a second, method-blind retry around them would repeat creates and commits.
        builder.Services.ConfigureHttpClientDefaults(http => http.AddServiceDiscovery());
        builder.Services.AddEventHandling();
        builder.Services.TryAddSingleton(_ => DeclaredTopology.Load());
        builder.Services.AddHostedService<ChoreographyStartupCheck>();
        builder.Services.AddPushAuthentication(configuration);
        builder.Services.AddTransportSecurity(configuration);
        return builder;
    }

    /// <summary><c>/health</c> (every check) and <c>/alive</c> (liveness only), on every environment: Cloud Run probes them too.</summary>
    public static IEndpointRouteBuilder MapDefaultEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health");
        endpoints.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        return endpoints;
    }

    // Cloud Run and the containers say where to listen with PORT; an explicit URL setting (Aspire, tests) wins.
    private static void ListenOnPortWhenGiven(WebApplicationBuilder builder)
    {
        var port = builder.Configuration[PicADailySettings.PortVariable];
        var urlsGiven = !string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrEmpty(builder.Configuration["HTTP_PORTS"]);
        if (!string.IsNullOrEmpty(port) && !urlsGiven)
        {
            builder.WebHost.UseUrls($"http://0.0.0.0:{port}");
        }
    }
}
