using System.Text;

using Google.Cloud.Storage.V1;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using PicADaily.Contracts.PubSub;
using PicADaily.GoogleCloud.Auth;
using PicADaily.GoogleCloud.Firestore;
using PicADaily.GoogleCloud.PubSub;
using PicADaily.GoogleCloud.Tests.Support;
using PicADaily.GoogleCloud.Vision;

namespace PicADaily.GoogleCloud.Tests;

public sealed class DependencyInjectionTests : IDisposable
{
    private readonly FakeGoogleApi _api = new();

    public void Dispose() => _api.Dispose();

    private int _attempts;

    private ServiceProvider Build(Dictionary<string, string?> settings, IGoogleAccessTokenSource? tokens = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        // Counts what leaves the client; WireMock logs a request only once it has answered it.
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new CountingHandler(() => Interlocked.Increment(ref _attempts))));
        if (tokens is not null)
        {
            services.AddSingleton(tokens);
        }
        services.AddGoogleCloudClients(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void The_emulator_variables_and_project_are_read_from_configuration()
    {
        using var provider = Build(new()
        {
            ["GOOGLE_CLOUD_PROJECT"] = "picadaily-local",
            ["PUBSUB_EMULATOR_HOST"] = "localhost:8085",
            ["FIRESTORE_EMULATOR_HOST"] = "localhost:8080",
            ["VISION_EMULATOR_HOST"] = "http://localhost:8090",
            ["STORAGE_EMULATOR_HOST"] = "localhost:9023",
            ["GoogleCloud:MaxRetryAttempts"] = "5",
            ["GoogleCloud:VisionEndpoint"] = "https://eu-vision.googleapis.com/",
        });

        var options = provider.GetRequiredService<GoogleCloudOptions>();

        Assert.Equal("picadaily-local", options.ProjectId);
        Assert.Equal("localhost:8085", options.PubSubEmulatorHost);
        Assert.Equal("localhost:8080", options.FirestoreEmulatorHost);
        Assert.Equal("http://localhost:8090", options.VisionEmulatorHost);
        Assert.Equal("localhost:9023", options.StorageEmulatorHost);
        Assert.Equal(5, options.MaxRetryAttempts);
        Assert.Equal(new Uri("https://eu-vision.googleapis.com/"), options.VisionEndpoint);
        Assert.Equal(new Uri("https://pubsub.googleapis.com/"), options.PubSubEndpoint);
        Assert.NotNull(provider.GetRequiredService<IPubSubAdmin>());
        Assert.NotNull(provider.GetRequiredService<IFirestoreClient>());
        Assert.NotNull(provider.GetRequiredService<IVisionClient>());
        Assert.NotNull(provider.GetRequiredService<StorageClient>());
    }

    [Fact]
    public async Task The_registered_publisher_talks_to_the_configured_emulator_without_a_token()
    {
        _api.Respond("POST", "/v1/projects/picadaily-local/topics/picture-activity:publish", 200, """{"messageIds":["1"]}""");
        var tokens = new FakeTokenSource();
        using var provider = Build(new() { ["GOOGLE_CLOUD_PROJECT"] = "picadaily-local", ["PUBSUB_EMULATOR_HOST"] = _api.HostPort }, tokens);

        var ids = await provider.GetRequiredService<IPubSubPublisher>().PublishAsync("picture-activity",
            [new PubSubMessage(Encoding.UTF8.GetBytes("x"), new Dictionary<string, string>())], CancellationToken.None);

        Assert.Equal(["1"], ids);
        _api.SingleRequest().HasNoAuthorization();
        Assert.Equal(0, tokens.Calls);
    }

    [Fact]
    public async Task Without_an_emulator_the_registered_client_sends_the_token_of_the_registered_source()
    {
        _api.Respond("GET", "/v1/projects/p/databases/(default)/documents/pictures/abc", 200, Fixture.Read("firestore/document.json"));
        using var provider = Build(new()
        {
            ["GOOGLE_CLOUD_PROJECT"] = "p",
            ["GoogleCloud:FirestoreEndpoint"] = _api.BaseUri.AbsoluteUri,
        }, new FakeTokenSource());

        await provider.GetRequiredService<IFirestoreClient>().GetDocumentAsync("pictures", "abc", CancellationToken.None);

        _api.SingleRequest().HasGoogleToken();
    }

    [Fact]
    public async Task The_attempt_timeout_of_the_registered_clients_turns_a_hung_call_into_a_transient_error_after_bounded_retries()
    {
        _api.Server.Given(WireMock.RequestBuilders.Request.Create().UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithDelay(TimeSpan.FromSeconds(3)).WithBody("{}"));
        using var provider = Build(new()
        {
            ["GOOGLE_CLOUD_PROJECT"] = "p",
            ["FIRESTORE_EMULATOR_HOST"] = _api.HostPort,
            ["GoogleCloud:AttemptTimeout"] = "00:00:00.300",
            ["GoogleCloud:MaxRetryAttempts"] = "1",
            ["GoogleCloud:RetryBaseDelay"] = "00:00:00.001",
        });

        var e = await Assert.ThrowsAsync<Errors.GoogleApiRequestException>(() =>
            provider.GetRequiredService<IFirestoreClient>().GetDocumentAsync("pictures", "abc", CancellationToken.None));

        Assert.True(e.IsTransient);
        Assert.Null(e.StatusCode);
        Assert.Equal(2, _attempts);
    }

    private sealed class CountingHandler(Action onSend) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onSend();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
