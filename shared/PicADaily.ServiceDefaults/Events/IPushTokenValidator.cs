using Google.Apis.Auth;

namespace PicADaily.ServiceDefaults.Events;

/// <summary>Checks a push token's signature, issuer, expiry and audience.</summary>
public interface IPushTokenValidator
{
    /// <summary>The verified claims.</summary>
    /// <exception cref="InvalidJwtException">The token is malformed, unsigned by Google, expired or for another audience.</exception>
    Task<GoogleJsonWebSignature.Payload> ValidateAsync(string jwt, string audience);
}
