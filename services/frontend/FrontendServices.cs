using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;
using PicADaily.Frontend.Access;
using PicADaily.Frontend.Flow;
using PicADaily.Frontend.Gallery;
using PicADaily.Frontend.Live;
using PicADaily.Frontend.Operations;
using PicADaily.Frontend.Ownership;
using PicADaily.Frontend.RateLimits;
using PicADaily.Frontend.Security;
using PicADaily.Frontend.Storage;
using PicADaily.Frontend.Timeline;
using PicADaily.Frontend.Uploads;
using PicADaily.Pictures;
using PicADaily.ServiceDefaults.Events;

namespace PicADaily.Frontend;

/// <summary>The frontend's services: pages, uploads and their limits, the timeline and its event subscriptions.</summary>
public static class FrontendServices
{
    public static IServiceCollection AddFrontend(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPictureServices(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddRazorPages();
        // Live pages note where the timeline stood before they read anything ([LivePage]).
        services.AddScoped<LiveStartFilter>();
        // Over TLS (directly, or as the trusted proxy says) the antiforgery cookie is Secure.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddProblemDetails();
        services.AddFrontendRateLimits();

        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.SectionName)
            .Validate(a => a.Problem() is null, "Access options are inconsistent: Access:DevelopmentIdentity and Access:IapAudience exclude each other, and a set audience must not be blank.")
            .ValidateOnStart();
        services.TryAddSingleton(new IapKeySetHttp(null));
        services.AddSingleton<IapAssertionVerifier>();

        services.AddOptions<UploadLimits>().BindConfiguration(UploadLimits.SectionName)
            .Validate(l => l.MaxFileBytes > 0 && l.MaxRequestBytes >= l.MaxFileBytes && l.MaxFiles > 0, "Upload limits must be positive, and a request must fit at least one file.")
            .ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<UploadLimits>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBytes);
        services.AddOptions<FormOptions>().Configure<IOptions<UploadLimits>>((form, limits) => form.MultipartBodyLengthLimit = limits.Value.MaxRequestBytes);

        services.AddTransient<IPictureObjects, CloudStoragePictureObjects>();
        services.AddTransient<IPictureDirectory, CatalogPictureDirectory>();
        services.AddTransient<ITimelineStore, FirestoreTimelineStore>();
        services.AddTransient<GalleryQuery>();
        services.AddTransient<PictureDetailsQuery>();
        services.AddSingleton<TraceLinks>();
        services.AddTransient<PictureUploader>();
        services.AddTransient<PictureDeleter>();
        services.AddTransient<PictureVisibility>();
        services.AddSingleton<TopologySource>();

        services.AddSingleton<LiveUpdates>();
        services.AddOptions<LiveOptions>().Bind(configuration.GetSection(LiveOptions.SectionName))
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.PageSize > 0 && o.MaxResume > 0, "Live:PollInterval, Live:PageSize and Live:MaxResume must be positive.")
            .ValidateOnStart();
        services.AddSingleton<TimelinePoller>();
        services.AddHostedService(provider => provider.GetRequiredService<TimelinePoller>());
        services.AddTransient<DeadLetterStore>();
        services.AddTransient<FailureReport>();
        services.AddTransient<DeadLetterReplayer>();
        services.AddHttpClient<SubscriptionStatus>(http => http.Timeout = TimeSpan.FromSeconds(5));
        services.AddSingleton<TimelineEntryFactory>();
        services.AddTransient<TimelineRecorder>();
        services.AddEventHandler<StorageObjectEvent, StorageTimelineHandler>(EventTypes.Storage.Finalized, EventTypes.Storage.Deleted);
        services.AddEventHandler<ActivityEvent, ActivityTimelineHandler>([.. EventTypes.PicADaily.All]);
        return services;
    }
}
