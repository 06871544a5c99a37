using Microsoft.Extensions.Options;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Payloads;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.ServiceDefaults.Events;

/// <summary>Publishes <c>processing.failed</c> for a permanent failure, so the reason shows in the picture's timeline.</summary>
public sealed class FailureReporter(ActivityAnnouncer announcer, IOptions<PicADailySettings> settings)
{
    public Task ReportAsync(InboundEvent inboundEvent, HandlerOutcome outcome, CancellationToken cancellationToken)
    {
        var (bucket, name, generation) = inboundEvent switch
        {
            StorageObjectEvent storage => (storage.Bucket, storage.Name, storage.Generation),
            ActivityEvent { Payload: IPictureEvent picture } => (picture.Bucket, picture.Name, picture.Generation),
            _ => ("", inboundEvent.ObjectName, inboundEvent.ObjectGeneration),
        };
        var failed = new ProcessingFailed(bucket, name, generation, settings.Value.ServiceName, outcome.ReasonCode ?? "failed", outcome.Reason);
        return announcer.AnnounceAsync(failed, cancellationToken);
    }
}
