using System.Text;

using PicADaily.Contracts.PubSub;
using PicADaily.GoogleCloud.Errors;
using PicADaily.GoogleCloud.PubSub;
using PicADaily.GoogleCloud.Tests.Support;

namespace PicADaily.GoogleCloud.Tests;

public sealed class PubSubClientTests : IDisposable
{
    private const string PublishPath = "/v1/projects/my-proj/topics/picture-activity:publish";

    private readonly FakeGoogleApi _api = new();

    public void Dispose() => _api.Dispose();

    private PubSubClient CloudClient() => new(_api.CreateHttpClient(), _api.CloudOptions("my-proj"), _api.Tokens);

    private PubSubClient EmulatorClient() => new(_api.CreateHttpClient(), _api.EmulatorOptions("my-proj"), _api.Tokens);

    private static IReadOnlyList<PubSubMessage> TwoMessages() =>
    [
        new(Encoding.UTF8.GetBytes("{\"imageId\":\"abc\"}"), new Dictionary<string, string> { ["eventType"] = "image.labeled" }),
        new(ReadOnlyMemory<byte>.Empty, new Dictionary<string, string> { ["ce-type"] = "dev.picadaily.picture.cleaned.v1" }),
    ];

    [Fact]
    public async Task Publish_posts_base64_data_and_attributes_with_a_Google_token_and_returns_the_ids_in_order()
    {
        _api.Respond("POST", PublishPath, 200, Fixture.Read("pubsub/publish-response.json"));

        var ids = await CloudClient().PublishAsync("picture-activity", TwoMessages(), CancellationToken.None);

        Assert.Equal(["4567890123", "4567890124"], ids);
        var request = _api.SingleRequest();
        Assert.Equal("POST", request.RequestMessage.Method);
        Assert.Equal(PublishPath, request.RequestMessage.Path);
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        request.HasGoogleToken();
        Assert.Null(request.Header("x-goog-user-project"));
        Fixture.AssertSameJson(Fixture.Read("pubsub/publish-request.json"), request.RequestMessage.Body);
    }

    [Fact]
    public async Task Publish_to_the_emulator_sends_no_Authorization_header_and_asks_for_no_token()
    {
        _api.Respond("POST", PublishPath, 200, Fixture.Read("pubsub/publish-response.json"));

        await EmulatorClient().PublishAsync("picture-activity", TwoMessages(), CancellationToken.None);

        _api.SingleRequest().HasNoAuthorization();
        Assert.Equal(0, _api.Tokens.Calls);
    }

    [Fact]
    public async Task Publish_is_retried_after_a_503_and_succeeds()
    {
        _api.RespondOnceThenSucceed("POST", PublishPath, 503, Fixture.Read("errors/unavailable.json"), Fixture.Read("pubsub/publish-response.json"));

        var ids = await CloudClient().PublishAsync("picture-activity", TwoMessages(), CancellationToken.None);

        Assert.Equal(2, ids.Count);
        Assert.Equal(2, _api.Requests.Count);
        Assert.All(_api.Requests, r => Fixture.AssertSameJson(Fixture.Read("pubsub/publish-request.json"), r.RequestMessage.Body));
    }

    [Fact]
    public async Task Publish_to_a_missing_topic_fails_with_NotFound_without_retrying()
    {
        _api.Respond("POST", PublishPath, 404, Fixture.Read("errors/not-found.json"));

        var e = await Assert.ThrowsAsync<GoogleApiRequestException>(() => CloudClient().PublishAsync("picture-activity", TwoMessages(), CancellationToken.None));

        Assert.Equal(GoogleApiErrorKind.NotFound, e.Kind);
        Assert.Equal("NOT_FOUND", e.Status);
        Assert.Contains("Resource not found", e.Message);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task Publish_gives_up_after_the_bounded_number_of_transient_failures()
    {
        _api.Respond("POST", PublishPath, 503, Fixture.Read("errors/unavailable.json"));

        var e = await Assert.ThrowsAsync<GoogleApiRequestException>(() => CloudClient().PublishAsync("picture-activity", TwoMessages(), CancellationToken.None));

        Assert.True(e.IsTransient);
        Assert.Equal(1 + new GoogleCloudOptions().MaxRetryAttempts, _api.Requests.Count);
    }

    [Fact]
    public async Task Publish_rejects_a_message_without_data_or_attributes_before_sending()
    {
        IReadOnlyList<PubSubMessage> empty = [new(ReadOnlyMemory<byte>.Empty, new Dictionary<string, string>())];

        await Assert.ThrowsAsync<ArgumentException>(() => CloudClient().PublishAsync("picture-activity", empty, CancellationToken.None));
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Create_subscription_puts_the_documented_push_subscription_shape()
    {
        const string path = "/v1/projects/my-proj/subscriptions/thumbnail";
        _api.Respond("PUT", path, 200, Fixture.Read("pubsub/subscription-response.json"));
        var definition = new PubSubSubscription
        {
            Topic = "gcs-events",
            PushConfig = new PushConfig("https://ingest-abc-uc.a.run.app/pubsub",
                new OidcToken("push-invoker@my-proj.iam.gserviceaccount.com", "https://ingest-abc-uc.a.run.app")),
            AckDeadlineSeconds = 60,
            MessageRetentionDuration = TimeSpan.FromDays(7),
            RetryPolicy = new RetryPolicy(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(600)),
            DeadLetterPolicy = new DeadLetterPolicy("projects/my-proj/topics/gcs-events-dlq", 5),
            Filter = "attributes.eventType = \"OBJECT_FINALIZE\" AND hasPrefix(attributes.objectId, \"uploads/\")",
            EnableMessageOrdering = false,
            ExpirationPolicy = new ExpirationPolicy(null),
            Labels = new Dictionary<string, string> { ["app"] = "images" },
        };

        var created = await CloudClient().CreateSubscriptionAsync("thumbnail", definition, CancellationToken.None);

        var request = _api.SingleRequest();
        Assert.Equal("PUT", request.RequestMessage.Method);
        Assert.Equal(path, request.RequestMessage.Path);
        request.HasGoogleToken();
        Fixture.AssertSameJson(Fixture.Read("pubsub/create-subscription-request.json"), request.RequestMessage.Body);
        Assert.Equal("projects/my-proj/subscriptions/thumbnail", created.Name);
        Assert.Equal(TimeSpan.FromSeconds(10), created.RetryPolicy?.MinimumBackoff);
        Assert.Equal(5, created.DeadLetterPolicy?.MaxDeliveryAttempts);
        Assert.Equal("https://ingest-abc-uc.a.run.app", created.PushConfig?.OidcToken?.Audience);
    }

    [Fact]
    public async Task Create_subscription_that_exists_fails_with_AlreadyExists_and_is_not_retried()
    {
        _api.Respond("PUT", "/v1/projects/my-proj/subscriptions/thumbnail", 409, Fixture.Read("errors/already-exists.json"));

        var e = await Assert.ThrowsAsync<GoogleApiRequestException>(() =>
            CloudClient().CreateSubscriptionAsync("thumbnail", new PubSubSubscription { Topic = "gcs-events" }, CancellationToken.None));

        Assert.Equal(GoogleApiErrorKind.AlreadyExists, e.Kind);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task Ensure_subscription_returns_the_existing_one_when_creation_meets_409()
    {
        const string path = "/v1/projects/my-proj/subscriptions/thumbnail";
        _api.Respond("PUT", path, 409, Fixture.Read("errors/already-exists.json"));
        _api.Respond("GET", path, 200, Fixture.Read("pubsub/subscription-response.json"));

        var existing = await CloudClient().EnsureSubscriptionAsync("thumbnail", new PubSubSubscription { Topic = "gcs-events" }, CancellationToken.None);

        Assert.Equal("projects/my-proj/topics/gcs-events", existing.Topic);
        Assert.Equal(["PUT", "GET"], _api.Requests.Select(r => r.RequestMessage.Method));
    }

    [Fact]
    public async Task Ensure_topic_puts_an_empty_body_and_accepts_an_existing_topic()
    {
        const string path = "/v1/projects/my-proj/topics/dead-letters";
        _api.Respond("PUT", path, 409, Fixture.Read("errors/already-exists.json"));
        _api.Respond("GET", path, 200, "{\"name\":\"projects/my-proj/topics/dead-letters\"}");

        var topic = await EmulatorClient().EnsureTopicAsync("dead-letters", CancellationToken.None);

        Assert.Equal("projects/my-proj/topics/dead-letters", topic.Name);
        Fixture.AssertSameJson("{}", _api.Requests[0].RequestMessage.Body);
    }

    [Fact]
    public async Task Get_subscription_returns_null_when_it_does_not_exist()
    {
        _api.Respond("GET", "/v1/projects/my-proj/subscriptions/missing", 404, Fixture.Read("errors/not-found.json"));

        Assert.Null(await CloudClient().GetSubscriptionAsync("missing", CancellationToken.None));
    }

    [Fact]
    public async Task Get_subscription_is_retried_after_a_503()
    {
        const string path = "/v1/projects/my-proj/subscriptions/thumbnail";
        _api.RespondOnceThenSucceed("GET", path, 503, Fixture.Read("errors/unavailable.json"), Fixture.Read("pubsub/subscription-response.json"));

        var subscription = await CloudClient().GetSubscriptionAsync("thumbnail", CancellationToken.None);

        Assert.NotNull(subscription);
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task Patch_subscription_sends_the_named_subscription_a_qualified_dead_letter_topic_and_a_comma_separated_update_mask()
    {
        const string path = "/v1/projects/my-proj/subscriptions/thumbnail";
        _api.Respond("PATCH", path, 200, Fixture.Read("pubsub/subscription-response.json"));
        var changes = new PubSubSubscription
        {
            PushConfig = new PushConfig("https://thumb.example.com/", NoWrapper: new NoWrapper(WriteMetadata: true)),
            RetryPolicy = new RetryPolicy(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5)),
            DeadLetterPolicy = new DeadLetterPolicy("dead-letters", 5),
        };

        await CloudClient().PatchSubscriptionAsync("thumbnail", changes, ["pushConfig", "retryPolicy", "deadLetterPolicy"], CancellationToken.None);

        var request = _api.SingleRequest();
        Assert.Equal("PATCH", request.RequestMessage.Method);
        Fixture.AssertSameJson(Fixture.Read("pubsub/patch-subscription-request.json"), request.RequestMessage.Body);
    }

    [Fact]
    public async Task Patch_subscription_is_not_retried_after_a_503()
    {
        _api.Respond("PATCH", "/v1/projects/my-proj/subscriptions/thumbnail", 503, Fixture.Read("errors/unavailable.json"));

        var e = await Assert.ThrowsAsync<GoogleApiRequestException>(() =>
            CloudClient().PatchSubscriptionAsync("thumbnail", new PubSubSubscription { AckDeadlineSeconds = 30 }, ["ackDeadlineSeconds"], CancellationToken.None));

        Assert.True(e.IsTransient);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task List_subscriptions_follows_page_tokens_until_the_last_page()
    {
        const string path = "/v1/projects/my-proj/subscriptions";
        _api.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(path).UsingGet().WithParam("pageToken", "tok/2=="))
            .AtPriority(1)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithBody(Fixture.Read("pubsub/list-subscriptions-page2.json")));
        _api.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(path).UsingGet())
            .AtPriority(2)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithBody(Fixture.Read("pubsub/list-subscriptions-page1.json")));

        var subscriptions = await CloudClient().ListSubscriptionsAsync(CancellationToken.None);

        Assert.Equal(["projects/my-proj/subscriptions/a", "projects/my-proj/subscriptions/b"], subscriptions.Select(s => s.Name));
        Assert.Equal("pageToken=tok%2F2%3D%3D", _api.Requests[1].RequestMessage.RawQuery?.TrimStart('?'));
    }

    [Fact]
    public async Task Delete_subscription_sends_DELETE_to_the_subscription()
    {
        _api.Respond("DELETE", "/v1/projects/my-proj/subscriptions/thumbnail", 200, "{}");

        await EmulatorClient().DeleteSubscriptionAsync("thumbnail", CancellationToken.None);

        Assert.Equal("DELETE", _api.SingleRequest().RequestMessage.Method);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1topic")]
    [InlineData("goog-topic")]
    [InlineData("has/slash")]
    public async Task Invalid_topic_ids_are_rejected_before_anything_is_sent(string topicId)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => CloudClient().PublishAsync(topicId, TwoMessages(), CancellationToken.None));

        Assert.Contains("not a valid Pub/Sub topic id", e.Message);
        Assert.Empty(_api.Requests);
    }
}
