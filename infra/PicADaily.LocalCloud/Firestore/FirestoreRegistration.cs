using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PicADaily.LocalCloud.Firestore;

/// <summary>Registers LocalCloud's Firestore REST v1 subset.</summary>
public static class FirestoreRegistration
{
    public static IServiceCollection AddLocalFirestore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new FirestoreStore(
            provider.GetRequiredService<IOptions<LocalCloudOptions>>().Value.DataPath,
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<QueryExecutor>();
        services.AddSingleton<DocumentHandlers>();
        services.AddSingleton<ListDocumentsHandler>();
        services.AddSingleton<QueryHandler>();
        services.AddSingleton<CommitHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapLocalFirestore(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRawPath("/v1/projects/{project}/databases/{database}/documents/{**path}", "/", FirestoreRouter.RouteAsync);
        endpoints.MapRawPath("/v1/projects/{project}/databases/{database}/documents:{verb}", "/", FirestoreRouter.RouteAsync);
        return endpoints;
    }
}
