namespace PicADaily.LocalCloud.PubSub;

/// <summary>Resumes Pub/Sub from disk before anything else starts, and closes it last.</summary>
internal sealed class PubSubHostedService(PubSubRegistry registry, PubSubPublisher publisher, PushDispatchers push, PullLeases pull) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        registry.Start();
        publisher.Resume(registry.MaxStoredMessageId);
        push.Start();
        pull.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await pull.StopAsync();
        await push.StopAsync();
        await registry.StopAsync();
    }
}
