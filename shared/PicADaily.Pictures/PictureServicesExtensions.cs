using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PicADaily.Contracts.Publishing;
using PicADaily.GoogleCloud;
using PicADaily.GoogleCloud.PubSub;
using PicADaily.ServiceDefaults.Events;

namespace PicADaily.Pictures;

/// <summary>What a Pic-a-Daily service needs from Google Cloud: the clients, the picture rules over them, and event publishing.</summary>
public static class PictureServicesExtensions
{
    public static IServiceCollection AddPictureServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGoogleCloudClients(configuration);
        services.TryAddTransient<PictureCatalog>();
        services.TryAddTransient<PictureStorage>();
        services.TryAddTransient<GenerationGuardedArtifacts>();
        services.TryAddSingleton(TimeProvider.System);
        services.Replace(ServiceDescriptor.Transient<IFailureMemory, CatalogFailureMemory>());
        // Transient like the typed HttpClients underneath them, so no handler is held for the process lifetime.
        services.TryAddTransient<IEventPublisher, PubSubEventPublisher>();
        return services;
    }
}
