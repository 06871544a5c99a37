namespace PicADaily.EndToEnd.Tests.Tracing;

/// <summary>
/// The embedded default with every resource's telemetry sent to an in-process OTLP collector
/// (the app host's <c>OtlpEndpoint</c> option) instead of the dashboard.
/// </summary>
public sealed class TracedSystem : PicADailySystem, IDisposable
{
    // A fixture's constructor cannot await; the collector must listen before the app host hands its address out.
    public TracedSystem()
        : this(OtlpCollector.StartAsync().GetAwaiter().GetResult())
    {
    }

    private TracedSystem(OtlpCollector collector)
        : base(emulators: false, $"OtlpEndpoint={collector.Endpoint}") => Collector = collector;

    public OtlpCollector Collector { get; }

    public void Dispose() => Collector.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
