using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PicADaily.Testing.Tokens;

/// <summary>
/// Tokens as Google's issuer makes them, for tests that play it: the claims of a Pub/Sub push token,
/// RS256 signing, and the JWK set that publishes a key's public half.
/// </summary>
public static class GoogleTokens
{
    /// <summary>The claims of a Pub/Sub push token for <paramref name="email"/>, valid an hour from <paramref name="issued"/> (default now).</summary>
    public static Dictionary<string, object> PushClaims(string audience, string email, DateTimeOffset? issued = null)
    {
        var iat = issued ?? DateTimeOffset.UtcNow;
        return new Dictionary<string, object>
        {
            ["iss"] = "https://accounts.google.com",
            ["aud"] = audience,
            ["azp"] = "108512837161412392312",
            ["sub"] = "108512837161412392312",
            ["email"] = email,
            ["email_verified"] = true,
            ["iat"] = iat.ToUnixTimeSeconds(),
            ["exp"] = iat.AddHours(1).ToUnixTimeSeconds(),
        };
    }

    /// <summary>An RS256 token of <paramref name="claims"/> whose header names <paramref name="keyId"/>.</summary>
    public static string Sign(object claims, RSA key, string keyId)
    {
        ArgumentNullException.ThrowIfNull(key);
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid = keyId }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    /// <summary>The JWK set that publishes <paramref name="key"/>'s public half under <paramref name="keyId"/>.</summary>
    public static string KeySet(RSA key, string keyId)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "RSA", alg = "RS256", use = "sig", kid = keyId, n = Base64Url(parameters.Modulus!), e = Base64Url(parameters.Exponent!) } },
        });
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
