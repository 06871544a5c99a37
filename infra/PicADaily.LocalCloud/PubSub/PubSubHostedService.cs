namespace PicADaily.LocalCloud.PubSub;

/// <summary>Resumes Pub/Sub from disk before anything else starts, and closes it last.</summary>
internal sealed class PubSubHostedService(PubSubBroker broker) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        broker.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await broker.DisposeAsync();
}
