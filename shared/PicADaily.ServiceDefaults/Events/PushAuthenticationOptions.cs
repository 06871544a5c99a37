using Microsoft.Extensions.Configuration;

namespace PicADaily.ServiceDefaults.Events;

/// <summary>
/// Who may push events (push endpoints are private on Google Cloud): Pub/Sub's OIDC token must be issued for
/// <see cref="Audience"/> to one of <see cref="AllowedEmails"/>. Off when no audience is configured
/// (LocalCloud and the emulators send no token), with a warning at start-up; on Cloud Run an unset
/// audience stops the service at start-up instead (<see cref="PushAuthenticationExtensions"/>).
/// </summary>
public sealed record PushAuthenticationOptions
{
    /// <summary>Configuration key of the expected <c>aud</c> claim (the push endpoint's service URL).</summary>
    public const string AudienceKey = "PUSH_AUTH_AUDIENCE";

    /// <summary>Configuration key of the allowed service-account emails, comma- or space-separated.</summary>
    public const string AllowedEmailsKey = "PUSH_AUTH_ALLOWED_EMAILS";

    /// <summary>The audience every token must carry; null disables push authentication.</summary>
    public string? Audience { get; init; }

    /// <summary>Service accounts whose verified email may push.</summary>
    public IReadOnlyList<string> AllowedEmails { get; init; } = [];

    /// <summary>Whether every push must carry a valid token.</summary>
    public bool Enabled => Audience is not null;

    /// <exception cref="InvalidOperationException">
    /// Only one of the two keys is set: an audience without accounts would admit any Google identity,
    /// accounts without an audience would need the audience check turned off.
    /// </exception>
    public static PushAuthenticationOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var audience = string.IsNullOrWhiteSpace(configuration[AudienceKey]) ? null : configuration[AudienceKey]!.Trim();
        var emails = (configuration[AllowedEmailsKey] ?? "")
            .Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if ((audience is null) != (emails.Length == 0))
        {
            throw new InvalidOperationException(
                $"Push authentication needs both {AudienceKey} and {AllowedEmailsKey} (or neither, to turn it off); only one is set.");
        }

        return new PushAuthenticationOptions { Audience = audience, AllowedEmails = emails };
    }
}
