using System.Collections.Concurrent;
using CloudNative.CloudEvents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Publishing;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.ServiceDefaults.Tests.Support;

/// <summary>A service built with the defaults, in memory, whose handlers do what the test scripts.</summary>
public sealed class TestService : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestService(WebApplication app, ScriptedHandler handler, RecordingPublisher publisher)
    {
        this.app = app;
        Handler = handler;
        Publisher = publisher;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public ScriptedHandler Handler { get; }

    public RecordingPublisher Publisher { get; }

    public static async Task<TestService> StartAsync(ILoggerProvider? logs = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.AddServiceDefaults("test-service");
        var handler = new ScriptedHandler();
        var publisher = new RecordingPublisher();
        builder.Services.AddSingleton(handler);
        builder.Services.AddSingleton<IEventPublisher>(publisher);
        builder.Services.AddEventHandler<StorageObjectEvent, StorageHandler>(EventTypes.Storage.Finalized);
        builder.Services.AddEventHandler<ActivityEvent<PictureRejected>, RejectedHandler>(EventTypes.PicADaily.PictureRejected);
        builder.Services.AddSingleton(TestTopology.Delivering("test-service", EventTypes.Storage.Finalized, EventTypes.PicADaily.PictureRejected));

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapEventEndpoint();
        await app.StartAsync();
        return new TestService(app, handler, publisher);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.DisposeAsync();
    }

    /// <summary>Records what reached the handlers and answers with the scripted outcome (or throws).</summary>
    public sealed class ScriptedHandler
    {
        public ConcurrentQueue<InboundEvent> Received { get; } = new();

        public Func<InboundEvent, HandlerOutcome> Script { get; set; } = _ => HandlerOutcome.Handled();

        /// <summary>When set, the handler waits for it before answering: an event held in progress.</summary>
        public Task? Gate { get; set; }

        public async Task<HandlerOutcome> HandleAsync(InboundEvent inboundEvent)
        {
            Received.Enqueue(inboundEvent);
            if (Gate is { } gate)
            {
                await gate;
            }

            return Script(inboundEvent);
        }
    }

    public sealed class StorageHandler(ScriptedHandler script, ILogger<StorageHandler> logger) : IEventHandler<StorageObjectEvent>
    {
        public Task<HandlerOutcome> HandleAsync(StorageObjectEvent inboundEvent, CancellationToken cancellationToken)
        {
            logger.LogInformation("Working on the picture");
            return script.HandleAsync(inboundEvent);
        }
    }

    public sealed class RejectedHandler(ScriptedHandler script) : IEventHandler<ActivityEvent<PictureRejected>>
    {
        public Task<HandlerOutcome> HandleAsync(ActivityEvent<PictureRejected> inboundEvent, CancellationToken cancellationToken) => script.HandleAsync(inboundEvent);
    }

    public sealed class RecordingPublisher : IEventPublisher
    {
        public ConcurrentQueue<(string Topic, CloudEvent Event)> Published { get; } = new();

        public bool Unavailable { get; set; }

        public Task PublishAsync(string topicId, CloudEvent cloudEvent, CancellationToken cancellationToken)
        {
            if (Unavailable)
            {
                throw new HttpRequestException("Pub/Sub is unavailable");
            }

            Published.Enqueue((topicId, cloudEvent));
            return Task.CompletedTask;
        }
    }
}
