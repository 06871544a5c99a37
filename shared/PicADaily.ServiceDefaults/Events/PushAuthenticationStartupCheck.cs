using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PicADaily.ServiceDefaults.Events;

/// <summary>
/// Says once, at start-up, that pushes are accepted without a token, so a deployment that forgot the
/// push settings is visible in the first lines of its log rather than only in forged timeline entries.
/// (On Cloud Run the same omission stops the process: see <see cref="PushAuthenticationExtensions"/>.)
/// </summary>
internal sealed class PushAuthenticationStartupCheck(PushAuthenticationOptions options, ILogger<PushAuthenticationStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            logger.LogWarning(
                "Push authentication is off: {AudienceKey} is not set, so the event endpoint accepts deliveries without a token. Set {AudienceKey} and {AllowedEmailsKey} wherever the endpoint is reachable by others",
                PushAuthenticationOptions.AudienceKey,
                PushAuthenticationOptions.AudienceKey,
                PushAuthenticationOptions.AllowedEmailsKey);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
