using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PicADaily.Contracts.Topology;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.ServiceDefaults.Events;

/// <summary>
/// Refuses to start a service whose registered handlers differ from the topology it was built with:
/// a handler no subscription feeds would never run, and a delivered type without a handler would be
/// acked as "ignored" in silence. Failing at start-up turns both into one readable error.
/// </summary>
internal sealed class ChoreographyStartupCheck(
    EventHandlerRegistry registry,
    Topology topology,
    IOptions<PicADailySettings> settings,
    ILogger<ChoreographyStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var service = settings.Value.ServiceName;
        var problems = ChoreographyCheck.CheckHandlers(topology, service, registry.HandlerNames);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"The handlers of '{service}' do not match infra/topology.json; fix the registration in Program.cs or the topology:{Environment.NewLine}- "
                + string.Join(Environment.NewLine + "- ", problems));
        }

        logger.LogDebug("Handlers of {Service} match the topology: {EventTypes}", service, registry.EventTypes);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
