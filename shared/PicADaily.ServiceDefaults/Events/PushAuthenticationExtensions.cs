using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.ServiceDefaults.Events;

/// <summary>Registers push authentication (see <see cref="PushAuthenticationOptions"/>).</summary>
public static class PushAuthenticationExtensions
{
    /// <summary>
    /// Reads the options now, so a half-configured service fails at start rather than on the first push.
    /// On Cloud Run an unset audience fails too: there the endpoint is reachable from outside the
    /// machine and an open one would accept forged events; elsewhere (emulators, LocalCloud, tests)
    /// it is allowed with a warning at start-up.
    /// </summary>
    /// <exception cref="InvalidOperationException">Half-configured, or unconfigured on Cloud Run.</exception>
    public static IServiceCollection AddPushAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var options = PushAuthenticationOptions.FromConfiguration(configuration);
        if (!options.Enabled && CloudRun.IsCloudRun(configuration))
        {
            throw new InvalidOperationException(
                $"Push authentication is required on Cloud Run ({CloudRun.ServiceVariable} is set) but {PushAuthenticationOptions.AudienceKey} is empty. " +
                $"Set {PushAuthenticationOptions.AudienceKey} to the push subscription's OIDC audience (the service URL) and " +
                $"{PushAuthenticationOptions.AllowedEmailsKey} to the push service account (infra/gcp/deploy.sh sets both).");
        }

        services.TryAddSingleton(options);
        services.TryAddSingleton<IPushTokenValidator>(_ => new GooglePushTokenValidator());
        services.TryAddSingleton<PushAuthenticationFilter>();
        services.AddHostedService<PushAuthenticationStartupCheck>();
        return services;
    }
}
