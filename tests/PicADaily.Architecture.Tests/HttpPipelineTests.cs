using Microsoft.Extensions.DependencyInjection;
using PicADaily.Architecture.Tests.Support;
using PicADaily.Contracts.PubSub;
using PicADaily.GoogleCloud.Errors;
using PicADaily.GoogleCloud.Firestore;
using PicADaily.GoogleCloud.PubSub;

namespace PicADaily.Architecture.Tests;

/// <summary>
/// The Google REST clients decide which calls may be repeated; in a running service nothing else in
/// the HTTP pipeline may repeat them. Checked through a service's real container, since the
/// service-wide HttpClient defaults are what could add a second, method-blind retry.
/// </summary>
public sealed class HttpPipelineTests
{
    private const int ClientRetries = 2;

    [Fact]
    public async Task A_create_is_sent_exactly_once_when_the_api_answers_503()
    {
        await using var server = await CountingServer.StartAsync(503);
        using var host = BuildImageAnalysis(server);
        var firestore = host.Services.GetRequiredService<IFirestoreClient>();

        var error = await Assert.ThrowsAsync<GoogleApiRequestException>(() =>
            firestore.CreateDocumentAsync("pictures", "cat.jpg", new Dictionary<string, FirestoreValue> { ["name"] = "cat.jpg" }, Deadline()));

        Assert.True(error.IsTransient);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task A_publish_is_repeated_only_by_the_clients_own_bounded_retry()
    {
        await using var server = await CountingServer.StartAsync(503);
        using var host = BuildImageAnalysis(server);
        var publisher = host.Services.GetRequiredService<IPubSubPublisher>();

        await Assert.ThrowsAsync<GoogleApiRequestException>(() =>
            publisher.PublishAsync("picture-activity", [new PubSubMessage("{}"u8.ToArray(), new Dictionary<string, string>())], Deadline()));

        Assert.Equal(1 + ClientRetries, server.Requests);
    }

    // An overall bound only: with a second retry layer the calls would still end, just later and counted higher.
    private static CancellationToken Deadline() => new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    private static Microsoft.Extensions.Hosting.IHost BuildImageAnalysis(CountingServer server) =>
        ServiceHost.BuildWithoutStarting(
            "PicADaily.ImageAnalysis",
            "--GOOGLE_CLOUD_PROJECT=test-project",
            $"--FIRESTORE_EMULATOR_HOST={server.HostAndPort}",
            $"--PUBSUB_EMULATOR_HOST={server.HostAndPort}",
            $"--GoogleCloud:MaxRetryAttempts={ClientRetries}",
            "--GoogleCloud:RetryBaseDelay=00:00:00.001");
}
