using Google.Apis.Auth;
using Microsoft.Extensions.Options;

namespace PicADaily.Frontend.Access;

/// <summary>The HTTP factory that fetches IAP's key set; null means Google.Apis.Auth's own. Tests serve a local key set.</summary>
public sealed record IapKeySetHttp(Google.Apis.Http.IHttpClientFactory? Factory);

/// <summary>
/// Verifies the <c>x-goog-iap-jwt-assertion</c> IAP adds to every request it lets through: an ES256
/// JWT signed with IAP's published keys, issued by IAP, for our audience, not expired.
/// </summary>
public sealed class IapAssertionVerifier(IOptions<AccessOptions> options, IapKeySetHttp keySetHttp)
{
    public const string HeaderName = "x-goog-iap-jwt-assertion";
    public const string Issuer = "https://cloud.google.com/iap";

    /// <summary>The verified e-mail address (may be null for a token without one).</summary>
    /// <exception cref="InvalidJwtException">The assertion is forged, expired, for another audience, or malformed.</exception>
    public async Task<string?> VerifyAsync(string assertion, CancellationToken cancellationToken)
    {
        var access = options.Value;
        var audience = access.IapAudience ?? throw new InvalidOperationException("IAP is not configured (Access:IapAudience).");
        var verification = new SignedTokenVerificationOptions
        {
            CertificatesUrl = access.IapCertificatesUrl,
        };
        // Never leave the audience list empty: an empty list means "any audience" to the library.
        verification.TrustedAudiences.Add(audience);
        verification.TrustedIssuers.Add(Issuer);
        if (keySetHttp.Factory is { } factory)
        {
            verification.HttpClientFactory = factory;
        }

        try
        {
            var payload = await JsonWebSignature.VerifySignedTokenAsync<GoogleJsonWebSignature.Payload>(assertion, verification, cancellationToken);
            return payload.Email;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or Newtonsoft.Json.JsonException)
        {
            // Garbage that is not even a JWT: as invalid as a bad signature.
            throw new InvalidJwtException("The assertion is not a well-formed JWT.");
        }
    }
}
