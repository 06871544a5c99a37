using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PicADaily.ServiceDefaults.Events;

/// <summary>The trace source and metrics of event handling.</summary>
public sealed class EventTelemetry : IDisposable
{
    public const string ActivitySourceName = "PicADaily.Events";
    public const string MeterName = "PicADaily.Events";

    private readonly Meter meter;

    public EventTelemetry(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(MeterName);
        Outcomes = meter.CreateCounter<long>("picadaily.events.outcomes", description: "Events handled, by type and outcome.");
        Duration = meter.CreateHistogram<double>("picadaily.events.duration", unit: "s", description: "Time spent handling one event.");
    }

    public static ActivitySource Source { get; } = new(ActivitySourceName);

    public Counter<long> Outcomes { get; }

    public Histogram<double> Duration { get; }

    public void Dispose() => meter.Dispose();
}
