using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Tests.Support;
using PicADaily.Testing;

namespace PicADaily.ServiceDefaults.Tests;

/// <summary>A process takes on a bounded number of events; one more is told to come back, at once.</summary>
public sealed class EventAdmissionTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string?> TwoAtOnce = new() { ["Events:MaxConcurrent"] = "2" };

    [Fact]
    public async Task An_event_beyond_the_capacity_is_answered_429_at_once_without_reading_it_and_accepted_after_one_finishes()
    {
        using var busyAnswers = new BusyOutcomeCounter();
        await using var service = await TestService.StartAsync(settings: TwoAtOnce);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        service.Handler.Gate = gate.Task;
        var held = new[]
        {
            service.Client.SendAsync(Deliveries.StorageFinalize("pubsub-push")),
            service.Client.SendAsync(Deliveries.StorageFinalize("eventarc-binary")),
        };
        await WaitUntilAsync(() => service.Handler.Received.Count == 2);

        // Undecodable: had the endpoint read it, the answer would be 400.
        var refused = await service.Client.PostAsync("/events", new StringContent("{\"message\":{\"data\":\"%%%\"}}", Encoding.UTF8, "application/json")).WaitAsync(Bounded);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("2 events are in progress", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, service.Handler.Received.Count);
        Assert.Equal(1, busyAnswers.Count);

        gate.SetResult();
        foreach (var response in await Task.WhenAll(held).WaitAsync(Bounded))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        var accepted = await service.Client.SendAsync(Deliveries.StorageFinalize("pubsub-push")).WaitAsync(Bounded);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        Assert.Equal(3, service.Handler.Received.Count);
    }

    [Fact]
    public async Task A_capacity_below_one_stops_the_service_at_start()
    {
        var start = TestService.StartAsync(settings: new Dictionary<string, string?> { ["Events:MaxConcurrent"] = "0" });

        var invalid = await Assert.ThrowsAsync<OptionsValidationException>(() => start);
        Assert.Contains("Events:MaxConcurrent must be at least 1", invalid.Message, StringComparison.Ordinal);
    }

    /// <summary>Counts the <c>busy</c> outcomes recorded in <c>picadaily.events.outcomes</c>.</summary>
    private sealed class BusyOutcomeCounter : IDisposable
    {
        private readonly MeterListener listener = new();
        private int count;

        public BusyOutcomeCounter()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EventTelemetry.MeterName && instrument.Name == "picadaily.events.outcomes")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag is { Key: "outcome", Value: "busy" })
                    {
                        Interlocked.Add(ref count, (int)value);
                    }
                }
            });
            listener.Start();
        }

        public int Count => Volatile.Read(ref count);

        public void Dispose() => listener.Dispose();
    }

    private static Task WaitUntilAsync(Func<bool> condition) =>
        Eventually.UntilAsync(condition, Bounded, "the condition came true");
}
