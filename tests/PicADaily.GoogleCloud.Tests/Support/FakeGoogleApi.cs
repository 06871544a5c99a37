using System.Net;
using System.Net.Sockets;

using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace PicADaily.GoogleCloud.Tests.Support;

/// <summary>A WireMock server on 127.0.0.1 standing in for one Google API, plus options that point at it.</summary>
public sealed class FakeGoogleApi : IDisposable
{
    public FakeGoogleApi()
    {
        var port = FreeLoopbackPort();
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{port}"] });
        HostPort = $"127.0.0.1:{port}";
    }

    public WireMockServer Server { get; }

    /// <summary>The <c>host:port</c> form of the emulator variables.</summary>
    public string HostPort { get; }

    public Uri BaseUri => new($"http://{HostPort}/");

    public FakeTokenSource Tokens { get; } = new();

    /// <summary>Options with every emulator variable pointing here (no Google token expected).</summary>
    public GoogleCloudOptions EmulatorOptions(string project) => new()
    {
        ProjectId = project,
        StorageEmulatorHost = HostPort,
        PubSubEmulatorHost = HostPort,
        FirestoreEmulatorHost = HostPort,
        VisionEmulatorHost = HostPort,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
    };

    /// <summary>Options for "the real Google endpoints", which are this server (a token is expected).</summary>
    public GoogleCloudOptions CloudOptions(string project) => new()
    {
        ProjectId = project,
        PubSubEndpoint = BaseUri,
        FirestoreEndpoint = BaseUri,
        VisionEndpoint = BaseUri,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
    };

    public HttpClient CreateHttpClient() => new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Respond(string method, string path, int status, string? body = null)
    {
        var response = Response.Create().WithStatusCode(status);
        if (body is not null)
        {
            response = response.WithHeader("Content-Type", "application/json").WithBody(body);
        }
        Server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(response);
    }

    /// <summary>First <paramref name="firstStatus"/> with <paramref name="firstBody"/>, then 200 with <paramref name="thenBody"/>.</summary>
    public void RespondOnceThenSucceed(string method, string path, int firstStatus, string firstBody, string thenBody)
    {
        var scenario = $"{method} {path}";
        Server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .InScenario(scenario).WillSetStateTo("failed once")
            .RespondWith(Response.Create().WithStatusCode(firstStatus).WithHeader("Content-Type", "application/json").WithBody(firstBody));
        Server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .InScenario(scenario).WhenStateIs("failed once")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(thenBody));
    }

    public IReadOnlyList<ILogEntry> Requests => Server.LogEntries.ToList();

    public ILogEntry SingleRequest() => Assert.Single(Server.LogEntries);

    public void Dispose() => Server.Stop();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
