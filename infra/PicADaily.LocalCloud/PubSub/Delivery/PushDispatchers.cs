using System.Collections.Concurrent;

using Microsoft.Extensions.Options;

namespace PicADaily.LocalCloud.PubSub.Delivery;

/// <summary>One <see cref="PushDispatcher"/> per subscription, started and stopped with it.</summary>
public sealed class PushDispatchers
{
    private readonly ConcurrentDictionary<string, PushDispatcher> dispatchers = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> stopping = [];
    private readonly PubSubRegistry registry;
    private readonly DeliveryOutcomes outcomes;
    private readonly PushSender sender;
    private readonly int ceiling;
    private readonly ILogger<PushDispatchers> logger;

    public PushDispatchers(PubSubRegistry registry, DeliveryOutcomes outcomes, PushSender sender, IOptions<PubSubOptions> options, ILogger<PushDispatchers> logger)
    {
        this.registry = registry;
        this.outcomes = outcomes;
        this.sender = sender;
        this.logger = logger;
        ceiling = Math.Max(1, options.Value.PushConcurrency);
        registry.SubscriptionCreated += StartDispatcher;
        registry.SubscriptionDeleted += StopDispatcher;
    }

    /// <summary>Starts pushing for every subscription the registry resumed from disk.</summary>
    public void Start()
    {
        foreach (var runtime in registry.Subscriptions)
        {
            StartDispatcher(runtime);
        }
    }

    /// <summary>Stops every dispatcher, letting the pushes in flight settle (bounded) before the store closes.</summary>
    public async Task StopAsync()
    {
        foreach (var name in dispatchers.Keys)
        {
            if (dispatchers.TryRemove(name, out var dispatcher))
            {
                stopping.Add(dispatcher.StopAsync());
            }
        }

        await Task.WhenAll(stopping);
    }

    /// <summary>The push window of a subscription (1 when it has no dispatcher).</summary>
    public int WindowOf(SubscriptionRuntime runtime) => dispatchers.TryGetValue(runtime.Name, out var dispatcher) ? dispatcher.Window.Size : 1;

    private void StartDispatcher(SubscriptionRuntime runtime)
    {
        var dispatcher = new PushDispatcher(runtime, outcomes, sender, ceiling, logger);
        if (dispatchers.TryAdd(runtime.Name, dispatcher))
        {
            dispatcher.Start();
        }
    }

    private void StopDispatcher(SubscriptionRuntime runtime)
    {
        if (dispatchers.TryRemove(runtime.Name, out var dispatcher))
        {
            stopping.Add(dispatcher.StopAsync());
        }
    }
}
