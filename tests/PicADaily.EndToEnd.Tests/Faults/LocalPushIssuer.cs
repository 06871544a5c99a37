using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PicADaily.Testing;
using PicADaily.Testing.Tokens;

namespace PicADaily.EndToEnd.Tests.Faults;

/// <summary>
/// Plays Google's token issuer for a system whose services check push tokens: an RSA key whose public
/// half it publishes as a JWK set on 127.0.0.1 (what the services are told to trust through
/// <c>PUSH_AUTH_CERTIFICATES_URL</c>), and RS256 tokens signed with it, or with a stranger's key.
/// </summary>
public sealed class LocalPushIssuer : IAsyncDisposable
{
    public const string KeyId = "picadaily-e2e-push-key";

    private readonly RSA key = RSA.Create(2048);
    private readonly WebApplication server;

    private LocalPushIssuer(WebApplication server) => this.server = server;

    /// <summary>Where the public key set is served.</summary>
    public Uri KeySetUrl { get; private set; } = null!;

    /// <summary>How many times the services fetched the key set: proof that they verified against it.</summary>
    public int KeySetFetches => keySetFetches;

    private int keySetFetches;

    public static async Task<LocalPushIssuer> StartAsync()
    {
        var app = LoopbackHost.Create();
        var issuer = new LocalPushIssuer(app);
        app.MapGet("/keys", issuer.KeySet);
        issuer.KeySetUrl = new Uri(await LoopbackHost.StartAsync(app), "keys");
        return issuer;
    }

    /// <summary>The claims of a Pub/Sub push token for <paramref name="email"/>, valid an hour from <paramref name="issued"/> (default now).</summary>
    public static Dictionary<string, object> PushClaims(string audience, string email, DateTimeOffset? issued = null) =>
        GoogleTokens.PushClaims(audience, email, issued);

    /// <summary>An RS256 token of <paramref name="claims"/>, signed with this issuer's key or <paramref name="signingKey"/>.</summary>
    public string Sign(IReadOnlyDictionary<string, object> claims, RSA? signingKey = null) => GoogleTokens.Sign(claims, signingKey ?? key, KeyId);

    public async ValueTask DisposeAsync()
    {
        await server.StopAsync();
        await server.DisposeAsync();
        key.Dispose();
    }

    private IResult KeySet()
    {
        Interlocked.Increment(ref keySetFetches);
        return Results.Text(GoogleTokens.KeySet(key, KeyId), "application/json");
    }
}
