using Google.Cloud.Storage.V1;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using PicADaily.GoogleCloud.Auth;
using PicADaily.GoogleCloud.Firestore;
using PicADaily.GoogleCloud.PubSub;
using PicADaily.GoogleCloud.Storage;
using PicADaily.GoogleCloud.Vision;

using Polly;

namespace PicADaily.GoogleCloud;

/// <summary>Registers the Google Cloud clients.</summary>
public static class GoogleCloudServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GoogleCloudOptions"/> (from <paramref name="configuration"/>, see
    /// <see cref="GoogleCloudOptions.FromConfiguration"/>), <see cref="IGoogleAccessTokenSource"/>
    /// (ADC unless one is already registered), <see cref="StorageClient"/>, <see cref="IPubSubPublisher"/>,
    /// <see cref="IPubSubAdmin"/>, <see cref="IFirestoreClient"/> and <see cref="IVisionClient"/>.
    /// The REST clients are typed HttpClients with a per-attempt timeout; their own retry (only for
    /// calls safe to repeat) wraps it; nothing else repeats a call.
    /// </summary>
    public static IServiceCollection AddGoogleCloudClients(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = GoogleCloudOptions.FromConfiguration(configuration);
        services.TryAddSingleton(options);
        services.TryAddSingleton<IGoogleAccessTokenSource, ApplicationDefaultAccessTokenSource>();
        // Built on first use: in production this looks up credentials.
        services.TryAddSingleton(sp => GoogleStorageClientFactory.Create(sp.GetRequiredService<GoogleCloudOptions>()));

        AddRestClient<PubSubClient>(services, options);
        AddRestClient<FirestoreClient>(services, options);
        AddRestClient<VisionClient>(services, options);
        services.TryAddTransient<IPubSubPublisher>(sp => sp.GetRequiredService<PubSubClient>());
        services.TryAddTransient<IPubSubAdmin>(sp => sp.GetRequiredService<PubSubClient>());
        services.TryAddTransient<IFirestoreClient>(sp => sp.GetRequiredService<FirestoreClient>());
        services.TryAddTransient<IVisionClient>(sp => sp.GetRequiredService<VisionClient>());
        return services;
    }

    private static void AddRestClient<TClient>(IServiceCollection services, GoogleCloudOptions options)
        where TClient : class =>
        services.AddHttpClient<TClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            // Only a per-attempt timeout: retries live in the clients, which know which calls are safe to
            // repeat (a POST may be a read like runQuery or a create).
            .AddResilienceHandler($"{typeof(TClient).Name}-attempt", pipeline => pipeline.AddTimeout(options.AttemptTimeout));
}
