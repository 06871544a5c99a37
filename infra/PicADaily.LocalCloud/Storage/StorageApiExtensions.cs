using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PicADaily.LocalCloud.Storage;

/// <summary>Registers and maps LocalCloud's Cloud Storage stand-in.</summary>
public static class StorageApiExtensions
{
    /// <summary>The storage services, the outbox dispatcher and the bucket-folder scanner; settings from <c>LocalCloud:Storage</c>.</summary>
    public static IServiceCollection AddStorageApi(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StoragePaths>();
        services.AddSingleton<StorageIndex>();
        services.AddSingleton<StorageMutex>();
        services.AddSingleton<OutboxSignal>();
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

    /// <summary>
    /// The JSON API at <c>/storage/v1/</c> and, for a bare <c>STORAGE_EMULATOR_HOST=host:port</c>,
    /// at the root (<c>/b/...</c>); uploads at <c>/upload/storage/v1/</c>; media links at <c>/download/storage/v1/</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapStorageApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/storage/v1/{**path}", context => StorageApiRouter.JsonApiAsync(context, "/storage/v1/"));
        endpoints.Map("/download/storage/v1/{**path}", context => StorageApiRouter.JsonApiAsync(context, "/download/storage/v1/"));
        endpoints.Map("/b", context => StorageApiRouter.JsonApiAsync(context, "/"));
        endpoints.Map("/b/{**path}", context => StorageApiRouter.JsonApiAsync(context, "/"));
        endpoints.Map("/upload/storage/v1/{**path}", StorageApiRouter.UploadAsync);
        return endpoints;
    }
}
