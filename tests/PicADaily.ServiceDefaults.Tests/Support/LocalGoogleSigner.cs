using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Google.Apis.Http;
using PicADaily.Testing.Tokens;

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

    public static string Sign(object claims, RSA? signingKey = null) => GoogleTokens.Sign(claims, signingKey ?? Key, KeyId);

    /// <summary>Typical Pub/Sub push claims, valid for an hour from now.</summary>
    public static Dictionary<string, object> PushClaims(string audience, string email, DateTimeOffset? issued = null) =>
        GoogleTokens.PushClaims(audience, email, issued);

    private sealed class JwksHttpClientFactory : HttpClientFactory
    {
        protected override HttpMessageHandler CreateHandler(CreateHttpClientArgs args) => new JwksHandler();
    }

    private sealed class JwksHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var jwks = GoogleTokens.KeySet(Key, KeyId);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(jwks, Encoding.UTF8, "application/json") });
        }
    }
}
