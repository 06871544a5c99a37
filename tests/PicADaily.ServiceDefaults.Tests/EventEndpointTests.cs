using System.Net;
using System.Text;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Publishing;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Tests.Support;

namespace PicADaily.ServiceDefaults.Tests;

public sealed class EventEndpointTests
{
    public static TheoryData<string> Modes() => Deliveries.StorageFinalizeModes();

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_same_storage_event_reaches_the_handler_in_every_delivery_mode(string mode)
    {
        await using var service = await TestService.StartAsync();

        var response = await service.Client.SendAsync(Deliveries.StorageFinalize(mode));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var received = Assert.IsType<StorageObjectEvent>(Assert.Single(service.Handler.Received));
        Assert.Equal((Deliveries.Bucket, Deliveries.Name, Deliveries.Generation), (received.Bucket, received.Name, received.Generation));
        Assert.Equal(PicADaily.Contracts.Storage.StorageEventKind.Finalized, received.Kind);
    }

    [Fact]
    public async Task Ignored_outcome_is_acknowledged_with_204()
    {
        await using var service = await TestService.StartAsync();
        service.Handler.Script = _ => HandlerOutcome.Ignored("stale generation");

        var response = await service.Client.SendAsync(Deliveries.StorageFinalize("pubsub-push"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Retry_outcome_answers_503_so_pubsub_redelivers()
    {
        await using var service = await TestService.StartAsync();
        service.Handler.Script = _ => HandlerOutcome.Retry("Vision unavailable");

        var response = await service.Client.SendAsync(Deliveries.StorageFinalize("pubsub-push"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Vision unavailable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throwing_handler_answers_500_never_an_ack()
    {
        await using var service = await TestService.StartAsync();
        service.Handler.Script = _ => throw new InvalidOperationException("boom");

        var response = await service.Client.SendAsync(Deliveries.StorageFinalize("eventarc-binary"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task A_failing_handler_answers_a_problem_with_the_event_id_but_never_the_exception_text()
    {
        await using var service = await TestService.StartAsync();
        service.Handler.Script = _ => throw new InvalidOperationException("secret-internal-detail gs://private-bucket/x");

        var response = await service.Client.SendAsync(Deliveries.StorageFinalize("pubsub-push"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret-internal-detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("private-bucket", body, StringComparison.Ordinal);
        var received = Assert.Single(service.Handler.Received);
        using var problem = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal(received.Id, problem.RootElement.GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task Permanent_failure_publishes_processing_failed_with_the_reason_then_acks()
    {
        await using var service = await TestService.StartAsync();
        service.Handler.Script = _ => HandlerOutcome.Failed("corrupt", "corrupt image: unexpected end of data");

        var response = await service.Client.SendAsync(Deliveries.StorageFinalize("pubsub-push"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var (topic, published) = Assert.Single(service.Publisher.Published);
        Assert.Equal(Topics.PictureActivity, topic);
        Assert.Equal(EventTypes.PicADaily.ProcessingFailed, published.Type);
        Assert.Equal(Deliveries.Name, published.Subject);
        var failed = Assert.IsType<ProcessingFailed>(published.Data);
        Assert.Equal(("pictures", "cat.png", 42L, "test-service", "corrupt"), (failed.Bucket, failed.Name, failed.Generation, failed.Service, failed.ReasonCode));
        Assert.Equal("corrupt image: unexpected end of data", failed.Reason);
    }

    [Fact]
    public async Task Permanent_failure_that_cannot_be_reported_is_not_acknowledged()
    {
        await using var service = await TestService.StartAsync();
        service.Handler.Script = _ => HandlerOutcome.Failed("corrupt", "corrupt image");
        service.Publisher.Unavailable = true;

        var response = await service.Client.SendAsync(Deliveries.StorageFinalize("pubsub-push"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Undecodable_delivery_answers_400_with_the_reason_and_reaches_no_handler()
    {
        await using var service = await TestService.StartAsync();

        var response = await service.Client.PostAsync("/events", new StringContent("{\"message\":{\"data\":\"%%%\",\"messageId\":\"1\"}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid base64", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(service.Handler.Received);
    }

    [Fact]
    public async Task Event_type_without_a_handler_is_acknowledged_and_ignored()
    {
        await using var service = await TestService.StartAsync();
        var analyzed = ActivityEventFactory.Create("image-analysis", new PictureAnalyzed("pictures", "cat.png", 42, ["Cat"], "#000000"));

        var response = await service.Client.SendAsync(Deliveries.Push(PubSubCloudEventEncoder.Encode(analyzed)));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(service.Handler.Received);
    }

    [Fact]
    public async Task Our_own_event_over_pubsub_reaches_its_typed_handler()
    {
        await using var service = await TestService.StartAsync();
        var rejected = ActivityEventFactory.Create("image-analysis", new PictureRejected("pictures", "cat.png", 42, "adult: LIKELY"));

        var response = await service.Client.SendAsync(Deliveries.Push(PubSubCloudEventEncoder.Encode(rejected)));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var received = Assert.IsType<ActivityEvent<PictureRejected>>(Assert.Single(service.Handler.Received));
        Assert.Equal("adult: LIKELY", received.Data.Reason);
        Assert.Equal(rejected.Id, received.Id);
    }

    [Fact]
    public async Task Health_and_liveness_endpoints_answer()
    {
        await using var service = await TestService.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/alive")).StatusCode);
    }
}
