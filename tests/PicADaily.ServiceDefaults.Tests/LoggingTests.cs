using PicADaily.ServiceDefaults.Tests.Support;

namespace PicADaily.ServiceDefaults.Tests;

public sealed class LoggingTests
{
    [Fact]
    public async Task Every_log_line_inside_a_handler_carries_the_event_id_object_name_and_generation()
    {
        var logs = new ScopeCapturingLoggerProvider();
        await using var service = await TestService.StartAsync(logs);

        await service.Client.SendAsync(Deliveries.StorageFinalize("pubsub-push"));

        var handlerLine = Assert.Single(logs.Lines, line => line.Message == "Working on the picture");
        Assert.Equal("m-1", handlerLine.Scope["EventId"]);
        Assert.Equal("cat.png", handlerLine.Scope["ObjectName"]);
        Assert.Equal(42L, handlerLine.Scope["Generation"]);
    }
}
