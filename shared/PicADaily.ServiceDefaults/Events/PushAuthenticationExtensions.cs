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
    /// it is allowed with a warning at start-up. A key set of its own (a test system's issuer) is refused
    /// on Cloud Run: there only Google signs pushes.
    /// </summary>
    /// <exception cref="InvalidOperationException">Half-configured, unconfigured on Cloud Run, or another key set on Cloud Run.</exception>
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

        if (options.CertificatesUrl is not null && CloudRun.IsCloudRun(configuration))
        {
            throw new InvalidOperationException(
                $"{PushAuthenticationOptions.CertificatesUrlKey} is set on Cloud Run ({CloudRun.ServiceVariable} is set): only Google's keys may sign pushes there. Remove it.");
        }

        services.TryAddSingleton(options);
        services.TryAddSingleton<IPushTokenValidator>(_ => new GooglePushTokenValidator(certificatesUrl: options.CertificatesUrl));
        services.TryAddSingleton<PushAuthenticationFilter>();
        services.AddHostedService<PushAuthenticationStartupCheck>();
        return services;
    }
}
