using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PicADaily.ServiceDefaults.Hosting;

/// <summary>
/// HTTPS and the client's address as they were before a trusted proxy. Cloud Run terminates TLS in
/// Google's front end and forwards plain HTTP with <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c>.
/// Those headers are believed only when <c>Proxy:TrustForwardedHeaders</c> says so, which defaults to
/// true on Cloud Run (<c>K_SERVICE</c> set) and false elsewhere, where any client could send them; and
/// then only the last entry, the one the platform's own proxy appended. A request's scheme then says
/// https, which turns on HSTS and marks cookies <c>Secure</c>; its remote address is the client's (the
/// frontend's rate limits key on it). Cookies follow the request's scheme everywhere, so they stay
/// usable over plain HTTP on localhost. Runs first in the pipeline (a startup filter), once, so
/// services need no extra call.
/// </summary>
public static class TransportSecurity
{
    public const string TrustForwardedHeadersKey = "Proxy:TrustForwardedHeaders";

    /// <summary>One year, the usual HSTS lifetime.</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static bool TrustsForwardedHeaders(IConfiguration configuration) =>
        configuration.GetValue<bool?>(TrustForwardedHeadersKey) ?? CloudRun.IsCloudRun(configuration);

    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // The antiforgery cookie's default policy never sets Secure; SameAsRequest sets it over HTTPS.
        services.Configure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<CookiePolicyOptions>(options => options.Secure = CookieSecurePolicy.SameAsRequest);

        // HSTS is only ever sent over HTTPS and never for localhost (the middleware's own rules).
        services.AddHsts(options =>
        {
            options.MaxAge = HstsMaxAge;
            options.IncludeSubDomains = false;
        });

        var trusted = TrustsForwardedHeaders(configuration);
        if (trusted)
        {
            services.Configure<ForwardedHeadersOptions>(options =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

                // Only the entry the platform's proxy appended; earlier ones are the client's word.
                options.ForwardLimit = 1;

                // Google's front end has no published addresses to list.
                options.KnownIPNetworks.Clear();
                options.KnownProxies.Clear();
            });
        }

        services.AddSingleton<IStartupFilter>(new TransportSecurityFilter(trusted));
        return services;
    }

    private sealed class TransportSecurityFilter(bool trustForwardedHeaders) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (trustForwardedHeaders)
            {
                app.UseForwardedHeaders();
            }

            app.UseHsts();
            app.UseCookiePolicy();
            next(app);
        };
    }
}
