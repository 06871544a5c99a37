using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;
using PicADaily.Imaging;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.Pictures;

/// <summary>
/// How an event-driven picture service starts: the service defaults, the picture services, its own
/// registrations (handlers and what they need), then health and <c>POST /events</c>. Every event
/// service's <c>Program.cs</c> is this one call, so its table of contents is its registrations.
/// </summary>
public static class PictureService
{
    /// <summary>
    /// A service that processes each new picture: every finalized picture goes to <typeparamref name="THandler"/>,
    /// which reads its pixels through the safe image loader and <typeparamref name="TPixelWork"/> (one per process).
    /// <paramref name="configure"/> adds the service's own options, and may register <typeparamref name="TPixelWork"/> itself when it needs them.
    /// </summary>
    public static Task RunNewPictureProcessorAsync<THandler, TPixelWork>(string[] args, string serviceName, Action<IServiceCollection, IConfiguration>? configure = null)
        where THandler : class, IEventHandler<StorageObjectEvent>
        where TPixelWork : class =>
        RunAsync(args, serviceName, (services, configuration) =>
        {
            configure?.Invoke(services, configuration);
            services.AddSafeImageLoader(configuration);
            // Only a new-picture processor takes pictures in: it needs the loader's originals budget.
            services.TryAddTransient<PictureIntake>();
            services.TryAddSingleton<TPixelWork>();
            services.AddEventHandler<StorageObjectEvent, THandler>(EventTypes.Storage.Finalized);
        });

    public static async Task RunAsync(string[] args, string serviceName, Action<IServiceCollection, IConfiguration> register)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(serviceName);
        builder.Services.AddPictureServices(builder.Configuration);
        register(builder.Services, builder.Configuration);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapEventEndpoint();
        await app.RunAsync();
    }
}
