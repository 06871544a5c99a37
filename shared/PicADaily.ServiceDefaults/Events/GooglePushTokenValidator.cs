using Google.Apis.Auth;
using Google.Apis.Auth.OAuth2;

namespace PicADaily.ServiceDefaults.Events;

/// <summary>
/// Verifies a push token the way <see cref="GoogleJsonWebSignature.ValidateAsync(string, GoogleJsonWebSignature.ValidationSettings)"/>
/// does (RS256 signature against the published key set, issuer <c>accounts.google.com</c>, expiry), always
/// with the audience set: an empty audience list means "any audience" to the library. The key set is
/// Google's unless <paramref name="certificatesUrl"/> names another (a test system's own issuer; refused
/// on Cloud Run, see <see cref="PushAuthenticationExtensions"/>). Unit tests hand in an HTTP factory that
/// serves their own key set.
/// </summary>
public sealed class GooglePushTokenValidator(Google.Apis.Http.IHttpClientFactory? certificateHttp = null, string? certificatesUrl = null) : IPushTokenValidator
{
    /// <summary>The issuers Google's ID tokens carry (both spellings are in use).</summary>
    private static readonly string[] GoogleIssuers = ["accounts.google.com", "https://accounts.google.com"];

    /// <inheritdoc />
    public async Task<GoogleJsonWebSignature.Payload> ValidateAsync(string jwt, string audience)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        var verification = new SignedTokenVerificationOptions
        {
            CertificatesUrl = certificatesUrl ?? GoogleAuthConsts.JsonWebKeySetUrl,
        };
        verification.TrustedAudiences.Add(audience);
        foreach (var issuer in GoogleIssuers)
        {
            verification.TrustedIssuers.Add(issuer);
        }

        if (certificateHttp is not null)
        {
            verification.HttpClientFactory = certificateHttp;
        }

        try
        {
            return await JsonWebSignature.VerifySignedTokenAsync<GoogleJsonWebSignature.Payload>(jwt, verification);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or Newtonsoft.Json.JsonException)
        {
            // Garbage that is not even a JWT: as invalid as a bad signature.
            throw new InvalidJwtException("The token is not a well-formed JWT.");
        }
    }
}
