using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PicADaily.ServiceDefaults.Hosting;

/// <summary>
/// HTTPS as the browser sees it. Cloud Run terminates TLS in Google's front end and forwards plain
/// HTTP with <c>X-Forwarded-Proto</c>; honouring that header there (and only there: anywhere else a
/// client could set it) makes the request's scheme https, which turns on HSTS and marks cookies
/// <c>Secure</c>. Cookies follow the request's scheme everywhere, so they stay usable over plain HTTP
/// on localhost. Runs first in the pipeline (a startup filter), so services need no extra call.
/// </summary>
public static class TransportSecurity
{
    /// <summary>One year, the usual HSTS lifetime.</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // The antiforgery cookie's default policy never sets Secure; SameAsRequest sets it over HTTPS.
        services.Configure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<CookiePolicyOptions>(options => options.Secure = CookieSecurePolicy.SameAsRequest);
        if (!CloudRun.IsCloudRun(configuration))
        {
            services.AddSingleton<IStartupFilter>(new TransportSecurityFilter(behindCloudRun: false));
            return services;
        }

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Only the scheme: the client address is not used for decisions here, and the host stays the one requested.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedProto;

            // Requests reach the container only through Cloud Run's front end, whose addresses are not published.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
        });
        services.AddHsts(options =>
        {
            options.MaxAge = HstsMaxAge;
            options.IncludeSubDomains = false;
        });
        services.AddSingleton<IStartupFilter>(new TransportSecurityFilter(behindCloudRun: true));
        return services;
    }

    private sealed class TransportSecurityFilter(bool behindCloudRun) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (behindCloudRun)
            {
                app.UseForwardedHeaders();
                app.UseHsts();
            }

            app.UseCookiePolicy();
            next(app);
        };
    }
}
