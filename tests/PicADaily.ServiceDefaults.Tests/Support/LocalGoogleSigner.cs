using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Google.Apis.Http;

namespace PicADaily.ServiceDefaults.Tests.Support;

/// <summary>
/// Plays Google's token issuer: one RSA key for the whole test run (Google.Apis.Auth caches the key
/// set process-wide for an hour), served as a JWKS through the validator's HTTP factory, and RS256
/// tokens signed with it — or with a stranger's key.
/// </summary>
public static class LocalGoogleSigner
{
    public const string KeyId = "local-test-key";

    private static readonly RSA Key = RSA.Create(2048);

    /// <summary>Serves <see cref="Key"/>'s public half for any certificate URL.</summary>
    public static Google.Apis.Http.IHttpClientFactory CertificateHttp { get; } = new JwksHttpClientFactory();

    public static string Sign(object claims, RSA? signingKey = null)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid = KeyId }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = (signingKey ?? Key).SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    /// <summary>Typical Pub/Sub push claims, valid for an hour from now.</summary>
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

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class JwksHttpClientFactory : HttpClientFactory
    {
        protected override HttpMessageHandler CreateHandler(CreateHttpClientArgs args) => new JwksHandler();
    }

    private sealed class JwksHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var parameters = Key.ExportParameters(includePrivateParameters: false);
            var jwks = JsonSerializer.Serialize(new
            {
                keys = new[]
                {
                    new { kty = "RSA", alg = "RS256", use = "sig", kid = KeyId, n = Base64Url(parameters.Modulus!), e = Base64Url(parameters.Exponent!) },
                },
            });
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(jwks, Encoding.UTF8, "application/json") });
        }
    }
}
