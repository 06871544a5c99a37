using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Google.Apis.Http;

namespace PicADaily.Frontend.Tests.Support;

/// <summary>
/// Plays Identity-Aware Proxy: one P-256 key for the whole run (Google.Apis.Auth caches key sets
/// process-wide), served as IAP's JWK set through the verifier's HTTP factory, so nothing leaves
/// the machine; ES256 assertions signed with it, or with a stranger's key.
/// </summary>
public static class LocalIapSigner
{
    public const string KeyId = "local-iap-key";
    public const string Audience = "/projects/123456789/global/backendServices/987654321";

    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static Google.Apis.Http.IHttpClientFactory CertificateHttp { get; } = new JwksHttpClientFactory();

    /// <summary>An assertion as IAP makes it for <paramref name="email"/>, issued at <paramref name="issued"/> (default now), valid ten minutes.</summary>
    public static string Assertion(string email, string audience = Audience, DateTimeOffset? issued = null, ECDsa? signingKey = null)
    {
        var iat = issued ?? DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["iss"] = "https://cloud.google.com/iap",
            ["aud"] = audience,
            ["sub"] = "accounts.google.com:1234567890",
            ["email"] = email,
            ["iat"] = iat.ToUnixTimeSeconds(),
            ["exp"] = iat.AddMinutes(10).ToUnixTimeSeconds(),
        };
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "ES256", typ = "JWT", kid = KeyId }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        // ES256 signatures are r||s (IEEE P1363), .NET's default format.
        var signature = (signingKey ?? Key).SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256);
        return $"{header}.{payload}.{Base64Url(signature)}";
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
            var point = Key.ExportParameters(includePrivateParameters: false).Q;
            var jwks = JsonSerializer.Serialize(new
            {
                keys = new[] { new { kty = "EC", alg = "ES256", use = "sig", crv = "P-256", kid = KeyId, x = Base64Url(point.X!), y = Base64Url(point.Y!) } },
            });
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(jwks, Encoding.UTF8, "application/json") });
        }
    }
}
