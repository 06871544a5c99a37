using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using PicADaily.Frontend.Tests.Support;

namespace PicADaily.Frontend.Tests;

/// <summary>Identity-Aware Proxy assertions, rate limits, and what changes over TLS behind the proxy.</summary>
public sealed class AccessAndLimitTests
{
    private const string Admin = "admin@example.com";

    [Theory]
    [InlineData("missing")]
    [InlineData("forged")]
    [InlineData("expired")]
    [InlineData("other-audience")]
    [InlineData("garbage")]
    public async Task Behind_IAP_a_request_without_a_valid_assertion_is_401_and_changes_nothing(string assertion)
    {
        using var factory = IapFactory();
        factory.Objects.Put("pictures", "dropped.png", TestImages.Png);
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/pictures/dropped.png");
        var header = assertion switch
        {
            "forged" => LocalIapSigner.Assertion(Admin, signingKey: ECDsa.Create(ECCurve.NamedCurves.nistP256)),
            "expired" => LocalIapSigner.Assertion(Admin, issued: DateTimeOffset.UtcNow.AddHours(-2)),
            "other-audience" => LocalIapSigner.Assertion(Admin, audience: "/projects/1/global/backendServices/2"),
            "garbage" => "not.a.jwt",
            _ => null,
        };
        if (header is not null)
        {
            request.Headers.Add("x-goog-iap-jwt-assertion", header);
        }

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Single(factory.Objects.In("pictures"));
    }

    [Fact]
    public async Task Behind_IAP_a_verified_admin_may_delete_anything_and_health_needs_no_assertion()
    {
        using var factory = IapFactory();
        factory.Objects.Put("pictures", "dropped.png", TestImages.Png);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-goog-iap-jwt-assertion", LocalIapSigner.Assertion(Admin));

        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/pictures/dropped.png");
        request.Headers.Add(Antiforgery.HeaderName, await Antiforgery.TokenAsync(client));
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(factory.Objects.In("pictures"));
        Assert.Contains("Signed in as <span class=\"identity\">admin@example.com</span>", await client.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/alive")).StatusCode);
    }

    [Fact]
    public async Task The_61st_upload_in_a_minute_from_one_client_is_429_with_Retry_After_and_other_clients_go_on()
    {
        using var factory = new AccessFactory(("Proxy:TrustForwardedHeaders", "true"));
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        var token = await Antiforgery.TokenAsync(client);

        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await UploadAsync(client, token)).StatusCode);
        }

        var refused = await UploadAsync(client, token);
        var other = factory.CreateClient();
        other.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.9");
        var otherResponse = await UploadAsync(other, await Antiforgery.TokenAsync(other));

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.InRange(int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(61, factory.Objects.In("pictures").Count);
        Assert.Equal(HttpStatusCode.OK, otherResponse.StatusCode);
    }

    [Fact]
    public async Task Live_streams_beyond_the_per_client_limit_are_429()
    {
        using var factory = new AccessFactory(("RateLimits:LiveStreamsPerClient", "1"));
        var client = factory.CreateClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        using var first = await client.GetAsync("/api/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var second = await client.GetAsync("/api/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        Assert.NotEmpty(second.Headers.GetValues("Retry-After"));
    }

    [Fact]
    public async Task Over_TLS_as_the_trusted_proxy_says_responses_carry_HSTS_and_the_antiforgery_cookie_is_Secure()
    {
        using var factory = new AccessFactory(("Proxy:TrustForwardedHeaders", "true"));
        var client = factory.CreateClient(new() { BaseAddress = new Uri("http://pics.example") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/upload");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await client.SendAsync(request);
        var plain = await factory.CreateClient(new() { BaseAddress = new Uri("http://pics.example") }).GetAsync("/upload");

        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.All(response.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    private static AccessFactory IapFactory() => new(("Access:IapAudience", LocalIapSigner.Audience), ("Access:Admins:0", Admin));

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string token)
    {
        var part = new ByteArrayContent(TestImages.Png);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/pictures") { Content = new MultipartFormDataContent { { part, "pictures", "p.png" } } };
        request.Headers.Add(Antiforgery.HeaderName, token);
        return await client.SendAsync(request);
    }
}
