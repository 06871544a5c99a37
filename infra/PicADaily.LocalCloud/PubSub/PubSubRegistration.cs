using System.Net;

namespace PicADaily.LocalCloud.PubSub;

/// <summary>The one-line hooks LocalCloudApp calls for Pub/Sub.</summary>
public static class PubSubRegistration
{
    public static WebApplicationBuilder AddLocalCloudPubSub(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PubSubOptions>().Bind(builder.Configuration.GetSection(PubSubOptions.SectionName));
        builder.Services.AddSingleton(TimeProvider.System);
        // One pooled handler for every push: keeps loopback connections warm under load.
        builder.Services.AddHttpClient<PushSender>(PushSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                MaxConnectionsPerServer = 256,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
                AutomaticDecompression = DecompressionMethods.None,
                UseProxy = false,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers(); // a log line per push would cost more than the push; outcomes are on /localcloud/status
        builder.Services.AddSingleton<PubSubRegistry>();
        builder.Services.AddSingleton<PubSubPublisher>();
        builder.Services.AddSingleton<DeliveryOutcomes>();
        builder.Services.AddSingleton<PushDispatchers>();
        builder.Services.AddSingleton<PullLeases>();
        builder.Services.AddHttpClient(nameof(ExternalPubSubPublisher));
        // Decided when resolved, so configuration added after registration (tests, the app host) counts.
        builder.Services.AddSingleton<IMessagePublisher>(sp => sp.GetRequiredService<IConfiguration>()[ExternalPubSubPublisher.PubSubEmulatorHostKey] is { Length: > 0 } external
            ? ExternalPubSubPublisher.Create(sp.GetRequiredService<IHttpClientFactory>(), external)
            : sp.GetRequiredService<PubSubPublisher>());
        builder.Services.AddHostedService<PubSubHostedService>();
        return builder;
    }

    public static WebApplication MapLocalCloudPubSub(this WebApplication app)
    {
        PubSubRouter.Map(app);
        return app;
    }
}
