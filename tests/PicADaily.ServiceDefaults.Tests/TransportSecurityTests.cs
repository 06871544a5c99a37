using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;
using PicADaily.ServiceDefaults.Tests.Support;

namespace PicADaily.ServiceDefaults.Tests;

/// <summary>HSTS and Secure cookies when the browser talks HTTPS to Cloud Run's front end; nothing trusted from headers elsewhere.</summary>
public sealed class TransportSecurityTests
{
    private const string PublicHost = "frontend-123456789012.europe-west1.run.app";

    [Fact]
    public async Task On_cloud_run_a_request_forwarded_as_https_gets_hsts_and_secure_cookies()
    {
        await using var app = await StartAsync(onCloudRun: true);
        using var client = app.GetTestClient();

        var response = await client.SendAsync(Request(forwardedProto: "https"));

        Assert.Equal("https", await response.Content.ReadAsStringAsync());
        Assert.Contains($"max-age={(int)TransportSecurity.HstsMaxAge.TotalSeconds}", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.Contains("secure", response.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task On_cloud_run_a_plain_http_request_gets_no_hsts_and_no_secure_cookie()
    {
        await using var app = await StartAsync(onCloudRun: true);
        using var client = app.GetTestClient();

        var response = await client.SendAsync(Request(forwardedProto: null));

        Assert.Equal("http", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("secure", response.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Elsewhere_a_forged_forwarded_proto_header_is_ignored()
    {
        await using var app = await StartAsync(onCloudRun: false);
        using var client = app.GetTestClient();

        var response = await client.SendAsync(Request(forwardedProto: "https"));

        Assert.Equal("http", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private static HttpRequestMessage Request(string? forwardedProto)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"http://{PublicHost}/scheme");
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        return request;
    }

    private static async Task<WebApplication> StartAsync(bool onCloudRun)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        var settings = new Dictionary<string, string?>
        {
            [PushAuthenticationOptions.AudienceKey] = $"https://{PublicHost}",
            [PushAuthenticationOptions.AllowedEmailsKey] = "picadaily-push@demo.iam.gserviceaccount.com",
        };
        if (onCloudRun)
        {
            settings[CloudRun.ServiceVariable] = "frontend";
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults("frontend");

        // A service that takes no events: its start-up check needs a topology that delivers it none.
        builder.Services.AddSingleton(TestTopology.Delivering("frontend"));
        var app = builder.Build();
        app.MapGet("/scheme", (HttpContext context) =>
        {
            context.Response.Cookies.Append("session", "value");
            return context.Request.Scheme;
        });
        await app.StartAsync();
        return app;
    }
}
