using System.Diagnostics;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Pictures;
using PicADaily.Contracts.Publishing;
using PicADaily.Contracts.Storage;
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

    [Fact]
    public async Task A_storage_event_continues_the_pictures_own_trace_from_its_metadata_before_the_deliverys()
    {
        using var listener = ListenToEvents();
        await using var service = await TestService.StartAsync();
        var seen = RecordTraceOfHandling(service);
        var picture = ActivityTraceId.CreateRandom();
        var delivery = ActivityTraceId.CreateRandom();

        using var request = Deliveries.StorageFinalizeWithMetadata(new Dictionary<string, string> { [PictureTrace.TraceParentKey] = TraceParent(picture) });
        // What an Eventarc or Pub/Sub delivery may send: a trace of the delivery, not of the picture.
        request.Headers.TryAddWithoutValidation("traceparent", TraceParent(delivery));
        await service.Client.SendAsync(request);

        Assert.Equal(picture, seen());
    }

    [Fact]
    public async Task A_storage_event_without_a_trace_in_its_metadata_continues_the_trace_the_delivery_carries()
    {
        using var listener = ListenToEvents();
        await using var service = await TestService.StartAsync();
        var seen = RecordTraceOfHandling(service);
        var delivery = ActivityTraceId.CreateRandom();

        using var request = Deliveries.StorageFinalizeWithMetadata(new Dictionary<string, string> { ["originalName"] = "cat.png", [PictureTrace.TraceParentKey] = "not a traceparent" });
        request.Headers.TryAddWithoutValidation("traceparent", TraceParent(delivery));
        await service.Client.SendAsync(request);

        Assert.Equal(delivery, seen());
    }

    [Fact]
    public void Work_covering_several_pictures_leaves_a_span_in_each_pictures_trace_linked_to_the_shared_run()
    {
        var stopped = new List<Activity>();
        using var listener = ListenToEvents(stopped.Add);
        var first = ActivityTraceId.CreateRandom();
        var second = ActivityTraceId.CreateRandom();
        static PictureDocument Picture(string name, string? traceParent) => new() { Name = name, Generation = 7, TraceParent = traceParent };

        using (var tick = EventTelemetry.Source.StartActivity("handle tick")!)
        {
            PictureSpans.RecordForEach("collage includes the picture", [Picture("a.jpg", TraceParent(first)), Picture("untraced.jpg", null), Picture("b.jpg", TraceParent(second))]);

            var spans = stopped.Where(a => a.DisplayName == "collage includes the picture").ToList();
            Assert.Equal([(first, "a.jpg"), (second, "b.jpg")], spans.Select(a => (a.TraceId, (string)a.GetTagItem("picadaily.object_name")!)));
            Assert.All(spans, a => Assert.Equal(tick.Context.SpanId, Assert.Single(a.Links).Context.SpanId));
        }
    }

    private static string TraceParent(ActivityTraceId traceId) => $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";

    private static Func<ActivityTraceId?> RecordTraceOfHandling(TestService service)
    {
        ActivityTraceId? seen = null;
        service.Handler.Script = _ =>
        {
            seen = Activity.Current?.TraceId;
            return HandlerOutcome.Handled();
        };
        return () => seen;
    }

    private static ActivityListener ListenToEvents(Action<Activity>? stopped = null)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == EventTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
