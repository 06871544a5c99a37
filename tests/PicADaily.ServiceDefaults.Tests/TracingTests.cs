using System.Diagnostics;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Publishing;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Tests.Support;

namespace PicADaily.ServiceDefaults.Tests;

public sealed class TracingTests
{
    [Fact]
    public async Task Handler_work_continues_the_trace_carried_by_the_event()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == EventTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        await using var service = await TestService.StartAsync();
        ActivityTraceId? seen = null;
        service.Handler.Script = _ =>
        {
            seen = Activity.Current?.TraceId;
            return HandlerOutcome.Handled();
        };

        PicADaily.Contracts.PubSub.PubSubMessage message;
        ActivityTraceId origin;
        using (var publishing = new Activity("publish").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            origin = publishing.TraceId;
            message = PubSubCloudEventEncoder.Encode(ActivityEventFactory.Create("image-analysis", new PictureRejected("pictures", "cat.png", 42, "racy: LIKELY")));
        }

        await service.Client.SendAsync(Deliveries.Push(message));

        Assert.Equal(origin, seen);
    }
}
