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

    /// <summary>
    /// Configuration key of the URL of the key set tokens are verified against (default: Google's).
    /// Only for a test system that issues its own tokens; refused on Cloud Run.
    /// </summary>
    public const string CertificatesUrlKey = "PUSH_AUTH_CERTIFICATES_URL";

    /// <summary>The audience every token must carry; null disables push authentication.</summary>
    public string? Audience { get; init; }

    /// <summary>Service accounts whose verified email may push.</summary>
    public IReadOnlyList<string> AllowedEmails { get; init; } = [];

    /// <summary>Where the signing keys are published; null means Google's own (<c>https://www.googleapis.com/oauth2/v3/certs</c>).</summary>
    public string? CertificatesUrl { get; init; }

    /// <summary>Whether every push must carry a valid token.</summary>
    public bool Enabled => Audience is not null;

    /// <exception cref="InvalidOperationException">
    /// Only one of the two keys is set: an audience without accounts would admit any Google identity,
    /// accounts without an audience would need the audience check turned off. Or a key set is named
    /// that is not an absolute http(s) URL, or while push authentication is off (it would check nothing).
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

        var certificates = string.IsNullOrWhiteSpace(configuration[CertificatesUrlKey]) ? null : configuration[CertificatesUrlKey]!.Trim();
        if (certificates is not null
            && (audience is null || !Uri.TryCreate(certificates, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            throw new InvalidOperationException(
                $"{CertificatesUrlKey} must be an absolute http(s) URL and needs {AudienceKey} and {AllowedEmailsKey}; it is '{certificates}'.");
        }

        return new PushAuthenticationOptions { Audience = audience, AllowedEmails = emails, CertificatesUrl = certificates };
    }
}
