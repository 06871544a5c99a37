using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Topology;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;
using PicADaily.ServiceDefaults.Tests.Support;

namespace PicADaily.ServiceDefaults.Tests;

/// <summary>A service whose handlers differ from the topology refuses to start, naming both sides.</summary>
public sealed class ChoreographyStartupCheckTests
{
    [Fact]
    public async Task A_handler_no_subscription_feeds_stops_the_start()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(
            TestTopology.Delivering("test-service", EventTypes.Storage.Finalized),
            services => services
                .AddEventHandler<StorageObjectEvent, TestService.StorageHandler>(EventTypes.Storage.Finalized)
                .AddEventHandler<ActivityEvent<PictureRejected>, TestService.RejectedHandler>(EventTypes.PicADaily.PictureRejected)));

        Assert.Contains($"handler RejectedHandler takes '{EventTypes.PicADaily.PictureRejected}', but no subscription", error.Message, StringComparison.Ordinal);
        Assert.Contains("test-service-test-events", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivered_type_without_handler_stops_the_start()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(
            TestTopology.Delivering("test-service", EventTypes.Storage.Finalized, EventTypes.PicADaily.PictureRejected),
            services => services.AddEventHandler<StorageObjectEvent, TestService.StorageHandler>(EventTypes.Storage.Finalized)));

        Assert.Contains($"subscription 'test-service-test-events' delivers '{EventTypes.PicADaily.PictureRejected}', but test-service registers no handler", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Matching_handlers_start()
    {
        await using var app = await StartAsync(
            TestTopology.Delivering("test-service", EventTypes.Storage.Finalized),
            services => services.AddEventHandler<StorageObjectEvent, TestService.StorageHandler>(EventTypes.Storage.Finalized));
    }

    private static async Task<WebApplication> StartAsync(Topology topology, Action<IServiceCollection> handlers)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults("test-service");
        builder.Services.AddSingleton<TestService.ScriptedHandler>();
        handlers(builder.Services);
        builder.Services.AddSingleton(topology);
        var app = builder.Build();
        app.MapEventEndpoint();
        try
        {
            await app.StartAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
