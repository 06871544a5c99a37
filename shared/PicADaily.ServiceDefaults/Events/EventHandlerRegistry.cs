using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PicADaily.Contracts.Decoding;

namespace PicADaily.ServiceDefaults.Events;

/// <summary>Which handler class serves which event type: the service's subscriptions, in one place.</summary>
public sealed class EventHandlerRegistry
{
    private readonly Dictionary<string, Registration> byType = new(StringComparer.Ordinal);

    public IEnumerable<string> EventTypes => byType.Keys;

    /// <summary>Event type → name of the handler class registered for it.</summary>
    public IReadOnlyDictionary<string, string> HandlerNames => byType.ToDictionary(e => e.Key, e => e.Value.HandlerClass.Name, StringComparer.Ordinal);

    internal void Add(string eventType, Registration registration)
    {
        if (!byType.TryAdd(eventType, registration))
        {
            throw new InvalidOperationException($"A handler for '{eventType}' is already registered ({byType[eventType].HandlerClass.Name}).");
        }
    }

    internal bool TryFind(string eventType, out Registration registration) => byType.TryGetValue(eventType, out registration!);

    internal sealed record Registration(
        Type EventClass,
        Type HandlerClass,
        Func<IServiceProvider, InboundEvent, CancellationToken, Task<HandlerOutcome>> InvokeAsync);
}

/// <summary>Registration of handlers: <c>services.AddEventHandler&lt;StorageObjectEvent, PictureUploadedHandler&gt;(EventTypes.Storage.Finalized)</c>.</summary>
public static class EventHandlerRegistrationExtensions
{
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services, params string[] eventTypes)
        where TEvent : InboundEvent
        where THandler : class, IEventHandler<TEvent>
    {
        ArgumentOutOfRangeException.ThrowIfZero(eventTypes.Length);
        var registry = services.AddEventHandling();
        foreach (var eventType in eventTypes)
        {
            registry.Add(eventType, new EventHandlerRegistry.Registration(
                typeof(TEvent),
                typeof(THandler),
                (provider, inboundEvent, cancellationToken) =>
                    provider.GetRequiredService<THandler>().HandleAsync((TEvent)inboundEvent, cancellationToken)));
        }

        services.AddScoped<THandler>();
        return services;
    }

    internal static EventHandlerRegistry AddEventHandling(this IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(EventHandlerRegistry))?.ImplementationInstance;
        if (existing is EventHandlerRegistry registry)
        {
            return registry;
        }

        registry = new EventHandlerRegistry();
        services.AddSingleton(registry);
        services.AddSingleton<EventTelemetry>();
        services.AddOptions<EventAdmissionOptions>()
            .BindConfiguration(EventAdmissionOptions.SectionName)
            .Validate(options => options.MaxConcurrent >= 1, $"{EventAdmissionOptions.SectionName}:{nameof(EventAdmissionOptions.MaxConcurrent)} must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<EventAdmission>();
        services.AddScoped<ActivityAnnouncer>();
        services.AddScoped<FailureReporter>();
        services.TryAddSingleton<IFailureMemory, NoFailureMemory>();
        return registry;
    }
}
