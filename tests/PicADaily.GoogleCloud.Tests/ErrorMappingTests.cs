using System.Net;

using PicADaily.GoogleCloud.Errors;
using PicADaily.GoogleCloud.Tests.Support;

namespace PicADaily.GoogleCloud.Tests;

public sealed class ErrorMappingTests
{
    [Theory]
    [InlineData(404, "errors/not-found.json", GoogleApiErrorKind.NotFound)]
    [InlineData(409, "errors/already-exists.json", GoogleApiErrorKind.AlreadyExists)]
    [InlineData(400, "errors/failed-precondition.json", GoogleApiErrorKind.PreconditionFailed)]
    [InlineData(409, "errors/aborted.json", GoogleApiErrorKind.Aborted)]
    [InlineData(400, "errors/invalid-argument.json", GoogleApiErrorKind.InvalidArgument)]
    [InlineData(403, "errors/permission-denied.json", GoogleApiErrorKind.PermissionDenied)]
    [InlineData(401, "errors/unauthenticated.json", GoogleApiErrorKind.Unauthenticated)]
    [InlineData(429, "errors/resource-exhausted.json", GoogleApiErrorKind.Transient)]
    [InlineData(503, "errors/unavailable.json", GoogleApiErrorKind.Transient)]
    public void Google_error_bodies_map_to_the_kind_their_status_names(int httpStatus, string fixture, GoogleApiErrorKind expected)
    {
        var e = GoogleApiErrorMapper.FromResponse((HttpStatusCode)httpStatus, Fixture.Read(fixture), "Test call");

        Assert.Equal(expected, e.Kind);
        Assert.Equal((HttpStatusCode)httpStatus, e.StatusCode);
        Assert.NotNull(e.Status);
        Assert.StartsWith("Test call failed: HTTP " + httpStatus, e.Message);
    }

    [Theory]
    [InlineData(412, GoogleApiErrorKind.PreconditionFailed)]
    [InlineData(404, GoogleApiErrorKind.NotFound)]
    [InlineData(500, GoogleApiErrorKind.Transient)]
    [InlineData(502, GoogleApiErrorKind.Transient)]
    [InlineData(504, GoogleApiErrorKind.Transient)]
    [InlineData(501, GoogleApiErrorKind.Other)]
    public void Responses_without_a_Google_error_body_map_by_HTTP_status(int httpStatus, GoogleApiErrorKind expected)
    {
        var e = GoogleApiErrorMapper.FromResponse((HttpStatusCode)httpStatus, "<html>upstream says no</html>", "Test call");

        Assert.Equal(expected, e.Kind);
        Assert.Null(e.Status);
        Assert.Contains("upstream says no", e.Message);
    }

    [Fact]
    public async Task A_connection_failure_is_a_transient_error_retried_a_bounded_number_of_times()
    {
        // A port bound but never listening refuses connections, and stays ours for the whole test:
        // a port merely closed again could be taken by another test's server meanwhile.
        using var bound = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        bound.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var deadHost = $"127.0.0.1:{((System.Net.IPEndPoint)bound.LocalEndPoint!).Port}";
        var tokens = new FakeTokenSource();
        var options = new GoogleCloudOptions { ProjectId = "p", PubSubEmulatorHost = deadHost, RetryBaseDelay = TimeSpan.FromMilliseconds(1), MaxRetryAttempts = 2 };
        var client = new PubSub.PubSubClient(new HttpClient(), options, tokens);

        var e = await Assert.ThrowsAsync<GoogleApiRequestException>(() => client.GetTopicAsync("some-topic", CancellationToken.None));

        Assert.True(e.IsTransient);
        Assert.Null(e.StatusCode);
        Assert.IsType<HttpRequestException>(e.InnerException);
    }

    [Fact]
    public async Task A_timeout_is_a_transient_error()
    {
        using var api = new FakeGoogleApi();
        api.Server.Given(WireMock.RequestBuilders.Request.Create().UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithDelay(TimeSpan.FromSeconds(5)).WithBody("{}"));
        var options = api.EmulatorOptions("p") with { MaxRetryAttempts = 0 };
        var client = new PubSub.PubSubClient(new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) }, options, api.Tokens);

        var e = await Assert.ThrowsAsync<GoogleApiRequestException>(() => client.GetTopicAsync("some-topic", CancellationToken.None));

        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_turned_into_an_API_error()
    {
        using var api = new FakeGoogleApi();
        api.Server.Given(WireMock.RequestBuilders.Request.Create().UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithDelay(TimeSpan.FromSeconds(5)).WithBody("{}"));
        var client = new PubSub.PubSubClient(new HttpClient(), api.EmulatorOptions("p"), api.Tokens);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetTopicAsync("some-topic", cancellation.Token));
    }
}
