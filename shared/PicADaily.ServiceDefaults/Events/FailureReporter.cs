using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Payloads;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.ServiceDefaults.Events;

/// <summary>
/// Publishes <c>processing.failed</c> for a permanent failure, so the reason shows in the picture's
/// timeline: once per service and generation, however often the bad picture is delivered.
/// </summary>
public sealed class FailureReporter(ActivityAnnouncer announcer, IFailureMemory memory, IOptions<PicADailySettings> settings, ILogger<FailureReporter> logger)
{
    /// <returns>False when this failure had been reported before and nothing was published.</returns>
    public async Task<bool> ReportAsync(InboundEvent inboundEvent, HandlerOutcome outcome, CancellationToken cancellationToken)
    {
        var (bucket, name, generation) = inboundEvent switch
        {
            StorageObjectEvent storage => (storage.Bucket, storage.Name, storage.Generation),
            ActivityEvent { Payload: IPictureEvent picture } => (picture.Bucket, picture.Name, picture.Generation),
            _ => ("", inboundEvent.ObjectName, inboundEvent.ObjectGeneration),
        };
        if (await memory.WasReportedAsync(bucket, name, generation, cancellationToken))
        {
            return false;
        }

        var failed = new ProcessingFailed(bucket, name, generation, settings.Value.ServiceName, outcome.ReasonCode ?? "failed", outcome.Reason);
        await announcer.AnnounceAsync(failed, cancellationToken);
        try
        {
            // After publishing: a crash in between costs a second report, never a lost one.
            await memory.RememberAsync(bucket, name, generation, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Reported the failure of {Name}#{Generation} but could not remember it; a redelivery will report it again", name, generation);
        }

        return true;
    }
}
