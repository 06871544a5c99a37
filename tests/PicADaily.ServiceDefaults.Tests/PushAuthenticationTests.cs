using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;
using PicADaily.ServiceDefaults.Tests.Support;

namespace PicADaily.ServiceDefaults.Tests;

public sealed class PushAuthenticationTests
{
    private const string Audience = "https://thumbnail-abc-ew.a.run.app";
    private const string Invoker = "push-invoker@picadaily.iam.gserviceaccount.com";

    [Fact]
    public async Task A_push_with_a_valid_token_of_the_allowed_account_is_processed()
    {
        await using var service = await AuthenticatedService.StartAsync();

        var response = await service.SendAsync(LocalGoogleSigner.Sign(LocalGoogleSigner.PushClaims(Audience, Invoker)));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Single(service.Handler.Received);
    }

    [Fact]
    public async Task A_push_without_a_token_is_rejected_with_401_and_not_handled()
    {
        await using var service = await AuthenticatedService.StartAsync();

        var response = await service.SendAsync(token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(service.Handler.Received);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_rejected_with_403_and_not_handled()
    {
        await using var service = await AuthenticatedService.StartAsync();

        var response = await service.SendAsync(LocalGoogleSigner.Sign(LocalGoogleSigner.PushClaims("https://collage-abc-ew.a.run.app", Invoker)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(service.Handler.Received);
    }

    [Fact]
    public async Task A_token_of_another_service_account_is_rejected_with_403_and_not_handled()
    {
        await using var service = await AuthenticatedService.StartAsync();

        var response = await service.SendAsync(LocalGoogleSigner.Sign(LocalGoogleSigner.PushClaims(Audience, "intruder@elsewhere.iam.gserviceaccount.com")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(service.Handler.Received);
    }

    [Fact]
    public async Task A_token_with_an_unverified_email_is_rejected_with_403_and_not_handled()
    {
        await using var service = await AuthenticatedService.StartAsync();
        var claims = LocalGoogleSigner.PushClaims(Audience, Invoker);
        claims["email_verified"] = false;

        var response = await service.SendAsync(LocalGoogleSigner.Sign(claims));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(service.Handler.Received);
    }

    [Fact]
    public async Task An_expired_token_is_rejected_with_401_and_not_handled()
    {
        await using var service = await AuthenticatedService.StartAsync();

        var response = await service.SendAsync(LocalGoogleSigner.Sign(LocalGoogleSigner.PushClaims(Audience, Invoker, issued: DateTimeOffset.UtcNow.AddHours(-2))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(service.Handler.Received);
    }

    [Fact]
    public async Task A_token_whose_claims_were_altered_after_signing_is_rejected_with_401_and_not_handled()
    {
        await using var service = await AuthenticatedService.StartAsync();
        var genuine = LocalGoogleSigner.Sign(LocalGoogleSigner.PushClaims(Audience, "someone@picadaily.iam.gserviceaccount.com"));
        var parts = genuine.Split('.');
        var forgedClaims = LocalGoogleSigner.Sign(LocalGoogleSigner.PushClaims(Audience, Invoker)).Split('.')[1];

        var response = await service.SendAsync($"{parts[0]}.{forgedClaims}.{parts[2]}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(service.Handler.Received);
    }

    [Fact]
    public async Task A_token_signed_by_a_key_google_does_not_publish_is_rejected_with_401()
    {
        await using var service = await AuthenticatedService.StartAsync();
        using var stranger = RSA.Create(2048);

        var response = await service.SendAsync(LocalGoogleSigner.Sign(LocalGoogleSigner.PushClaims(Audience, Invoker), stranger));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(service.Handler.Received);
    }

    [Fact]
    public async Task A_garbage_bearer_value_is_rejected_with_401()
    {
        await using var service = await AuthenticatedService.StartAsync();

        var response = await service.SendAsync("not-a-jwt");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(service.Handler.Received);
    }

    [Fact]
    public async Task Without_configuration_pushes_need_no_token_as_on_the_emulators()
    {
        await using var service = await TestService.StartAsync();

        var response = await service.Client.SendAsync(Deliveries.StorageFinalize("pubsub-push"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Single(service.Handler.Received);
    }

    [Theory]
    [InlineData(Audience, null)]
    [InlineData(null, Invoker)]
    public void Configuring_only_half_of_push_authentication_fails_at_start(string? audience, string? emails)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PushAuthenticationOptions.AudienceKey] = audience,
            [PushAuthenticationOptions.AllowedEmailsKey] = emails,
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => PushAuthenticationOptions.FromConfiguration(configuration));

        Assert.Contains(PushAuthenticationOptions.AudienceKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowed_emails_are_read_from_a_comma_separated_list()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PushAuthenticationOptions.AudienceKey] = Audience,
            [PushAuthenticationOptions.AllowedEmailsKey] = $"{Invoker}, eventarc@picadaily.iam.gserviceaccount.com",
        }).Build();

        var options = PushAuthenticationOptions.FromConfiguration(configuration);

        Assert.Equal([Invoker, "eventarc@picadaily.iam.gserviceaccount.com"], options.AllowedEmails);
        Assert.True(options.Enabled);
    }

    /// <summary>A service with push authentication on, validating against <see cref="LocalGoogleSigner"/>'s key.</summary>
    private sealed class AuthenticatedService : IAsyncDisposable
    {
        private readonly WebApplication app;

        private AuthenticatedService(WebApplication app)
        {
            this.app = app;
            Client = app.GetTestClient();
            Handler = app.Services.GetRequiredService<TestService.ScriptedHandler>();
        }

        public HttpClient Client { get; }

        public TestService.ScriptedHandler Handler { get; }

        public static async Task<AuthenticatedService> StartAsync()
        {
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [PushAuthenticationOptions.AudienceKey] = Audience,
                [PushAuthenticationOptions.AllowedEmailsKey] = Invoker,
            });
            builder.Services.AddSingleton<IPushTokenValidator>(new GooglePushTokenValidator(LocalGoogleSigner.CertificateHttp));
            builder.AddServiceDefaults("test-service");
            builder.Services.AddSingleton<TestService.ScriptedHandler>();
            builder.Services.AddSingleton<PicADaily.Contracts.Publishing.IEventPublisher>(new TestService.RecordingPublisher());
            builder.Services.AddEventHandler<StorageObjectEvent, TestService.StorageHandler>(EventTypes.Storage.Finalized);
            builder.Services.AddSingleton(TestTopology.Delivering("test-service", EventTypes.Storage.Finalized));
            var app = builder.Build();
            app.MapEventEndpoint();
            await app.StartAsync();
            return new AuthenticatedService(app);
        }

        public Task<HttpResponseMessage> SendAsync(string? token)
        {
            var request = Deliveries.StorageFinalize("pubsub-push");
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return Client.SendAsync(request);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await app.DisposeAsync();
        }
    }
}
