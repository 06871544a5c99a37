using Microsoft.AspNetCore.HttpOverrides;

namespace PicADaily.Frontend.Security;

/// <summary>
/// Behind Cloud Run's front end the connection comes from Google, not from the person: the client
/// address and the scheme are in <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c>. They are believed
/// only when <c>Proxy:TrustForwardedHeaders</c> says so, which defaults to true on Cloud Run
/// (<c>K_SERVICE</c> set) and false elsewhere, where anyone could send them.
/// </summary>
public static class ProxyHeaders
{
    public const string TrustKey = "Proxy:TrustForwardedHeaders";

    public static bool Trusted(IConfiguration configuration) =>
        configuration.GetValue<bool?>(TrustKey) ?? !string.IsNullOrEmpty(configuration["K_SERVICE"]);

    public static IServiceCollection AddProxyHeaders(this IServiceCollection services) =>
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the entry the platform's own proxy appended (the last one); earlier ones are the client's word.
            options.ForwardLimit = 1;
            // Google's proxies have no fixed addresses to list.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
        });
}
