using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PicADaily.ServiceDefaults.Events;

/// <summary>Registers push authentication (see <see cref="PushAuthenticationOptions"/>).</summary>
public static class PushAuthenticationExtensions
{
    /// <summary>Reads the options now, so a half-configured service fails at start rather than on the first push.</summary>
    public static IServiceCollection AddPushAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(PushAuthenticationOptions.FromConfiguration(configuration));
        services.TryAddSingleton<IPushTokenValidator>(_ => new GooglePushTokenValidator());
        services.TryAddSingleton<PushAuthenticationFilter>();
        return services;
    }
}
