using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PicADaily.LocalCloud.Storage;

/// <summary>Registers and maps LocalCloud's Cloud Storage stand-in.</summary>
public static class StorageRegistration
{
    /// <summary>The storage services, the outbox dispatcher and the bucket-folder scanner; settings from <c>LocalCloud:Storage</c>.</summary>
    public static IServiceCollection AddStorageApi(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StoragePaths>();
        services.AddSingleton<StorageIndex>();
        services.AddSingleton<StorageMutex>();
        services.AddKeyedSingleton<AsyncSignal>(OutboxDispatcher.SignalKey);
        services.AddSingleton<PublicEndpoint>();
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<ObjectStore>();
        services.AddSingleton<BucketCatalog>();
        services.AddSingleton<IBucketProvisioner>(sp => sp.GetRequiredService<BucketCatalog>());
        services.AddSingleton<IObjectReader, ObjectReader>();
        services.AddSingleton<UploadSessions>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<BucketFolderScanner>();
        return services;
    }

    public static IEndpointRouteBuilder MapStorageApi(this IEndpointRouteBuilder endpoints)
    {
        StorageApiRouter.Map(endpoints);
        return endpoints;
    }
}
