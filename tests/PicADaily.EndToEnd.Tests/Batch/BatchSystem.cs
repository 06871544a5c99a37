namespace PicADaily.EndToEnd.Tests.Batch;

/// <summary>
/// The embedded default with its decode work squeezed (one decode at a time, two events in progress
/// per service), so that a folder of photos really overruns the services and backpressure, not luck,
/// is what gets every picture through.
/// </summary>
public sealed class BatchSystem() : PicADailySystem(emulators: false, $"DecodeConcurrency={DecodeConcurrency}", $"MaxConcurrentEvents={MaxConcurrentEvents}")
{
    public const int DecodeConcurrency = 1;
    public const int MaxConcurrentEvents = 2;
}
