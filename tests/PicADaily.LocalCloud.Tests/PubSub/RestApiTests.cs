using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

using PicADaily.LocalCloud.Tests.Support;

namespace PicADaily.LocalCloud.Tests.PubSub;

public sealed class RestApiTests : IAsyncLifetime
{
    private TestLocalCloud cloud = null!;
    private HttpClient http = null!;
    private PubSubRest rest = null!;

    public async Task InitializeAsync()
    {
        cloud = await TestLocalCloud.StartAsync();
        http = new HttpClient { BaseAddress = cloud.BaseUri };
        rest = new PubSubRest(http);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await cloud.DisposeAsync();
    }

    [Fact]
    public async Task Topics_can_be_created_read_listed_and_deleted()
    {
        var created = await rest.CreateTopicAsync("pictures-1");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(rest.Topic("pictures-1"), (await created.Content.ReadFromJsonAsync<JsonNode>())!["name"]!.GetValue<string>());

        var got = await rest.GetAsync($"v1/projects/{rest.Project}/topics/pictures-1");
        Assert.Equal(rest.Topic("pictures-1"), got["name"]!.GetValue<string>());
        var list = await rest.GetAsync($"v1/projects/{rest.Project}/topics");
        Assert.Contains(list["topics"]!.AsArray(), t => t!["name"]!.GetValue<string>() == rest.Topic("pictures-1"));

        Assert.Equal(HttpStatusCode.OK, (await http.DeleteAsync($"v1/projects/{rest.Project}/topics/pictures-1")).StatusCode);
        var gone = await http.GetAsync($"v1/projects/{rest.Project}/topics/pictures-1");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("NOT_FOUND", (await PubSubRest.ErrorOf(gone)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Creating_an_existing_topic_or_subscription_is_a_409_conflict()
    {
        await rest.CreateTopicOrFailAsync("dup");
        await rest.CreateSubscriptionOrFailAsync("dup-sub", new { topic = rest.Topic("dup") });

        var topic = await rest.CreateTopicAsync("dup");
        var subscription = await rest.CreateSubscriptionAsync("dup-sub", new { topic = rest.Topic("dup") });

        Assert.Equal(409, (int)topic.StatusCode);
        Assert.Equal("ALREADY_EXISTS", (await PubSubRest.ErrorOf(topic)).GetProperty("status").GetString());
        Assert.Equal(409, (int)subscription.StatusCode);
        Assert.Equal(409, (await PubSubRest.ErrorOf(subscription)).GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1starts-with-digit")]
    [InlineData("goog-reserved")]
    public async Task An_invalid_topic_id_is_a_400(string id)
    {
        var response = await rest.CreateTopicAsync(id);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", (await PubSubRest.ErrorOf(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_subscription_on_a_missing_topic_is_a_404()
    {
        var response = await rest.CreateSubscriptionAsync("orphan", new { topic = rest.Topic("nope") });

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_subscription_keeps_its_full_configuration_including_the_oidc_token()
    {
        await rest.CreateTopicOrFailAsync("events");
        await rest.CreateTopicOrFailAsync("dlq");
        await rest.CreateSubscriptionOrFailAsync("full", new
        {
            topic = rest.Topic("events"),
            pushConfig = new
            {
                pushEndpoint = "http://127.0.0.1:9/events",
                oidcToken = new { serviceAccountEmail = "push@p.iam.gserviceaccount.com", audience = "http://127.0.0.1:9" },
            },
            ackDeadlineSeconds = 60,
            retryPolicy = new { minimumBackoff = "10s", maximumBackoff = "600s" },
            deadLetterPolicy = new { deadLetterTopic = rest.Topic("dlq"), maxDeliveryAttempts = 7 },
            filter = "attributes:eventType",
            messageRetentionDuration = "604800s",
        });

        var got = await rest.GetAsync($"v1/projects/{rest.Project}/subscriptions/full");

        Assert.Equal(rest.Subscription("full"), got["name"]!.GetValue<string>());
        Assert.Equal(rest.Topic("events"), got["topic"]!.GetValue<string>());
        Assert.Equal("push@p.iam.gserviceaccount.com", got["pushConfig"]!["oidcToken"]!["serviceAccountEmail"]!.GetValue<string>());
        Assert.Equal(60, got["ackDeadlineSeconds"]!.GetValue<int>());
        Assert.Equal("600s", got["retryPolicy"]!["maximumBackoff"]!.GetValue<string>());
        Assert.Equal(7, got["deadLetterPolicy"]!["maxDeliveryAttempts"]!.GetValue<int>());
        Assert.Equal("attributes:eventType", got["filter"]!.GetValue<string>());
        Assert.Equal("604800s", got["messageRetentionDuration"]!.GetValue<string>());
        var list = await rest.GetAsync($"v1/projects/{rest.Project}/subscriptions");
        Assert.Single(list["subscriptions"]!.AsArray());
        var byTopic = await rest.GetAsync($"v1/projects/{rest.Project}/topics/events/subscriptions");
        Assert.Equal(rest.Subscription("full"), byTopic["subscriptions"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"topic\":\"projects/test-project/topics/events\",\"ackDeadlineSeconds\":5}")]
    [InlineData("{\"topic\":\"projects/test-project/topics/events\",\"retryPolicy\":{\"minimumBackoff\":\"700s\"}}")]
    [InlineData("{\"topic\":\"projects/test-project/topics/events\",\"deadLetterPolicy\":{\"deadLetterTopic\":\"projects/test-project/topics/events\",\"maxDeliveryAttempts\":3}}")]
    [InlineData("{\"topic\":\"projects/test-project/topics/events\",\"pushConfig\":{\"pushEndpoint\":\"not a url\"}}")]
    [InlineData("{\"topic\":\"projects/test-project/topics/events\",\"messageRetentionDuration\":\"60s\"}")]
    [InlineData("{\"topic\":")]
    public async Task An_invalid_subscription_is_a_400_with_google_error_shape(string body)
    {
        await rest.CreateTopicOrFailAsync("events");

        var response = await http.PutAsync($"v1/projects/{rest.Project}/subscriptions/bad", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
        var error = await PubSubRest.ErrorOf(response);
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Publish_returns_one_id_per_message_in_request_order()
    {
        await rest.CreateTopicOrFailAsync("batch");

        var ids = await rest.PublishOrFailAsync("batch", PubSubRest.Message("1"), PubSubRest.Message("2"), PubSubRest.Message("3"));

        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(ids.OrderBy(long.Parse), ids);
    }

    [Theory]
    [InlineData("{\"messages\":[]}")]
    [InlineData("{\"messages\":[{}]}")]
    [InlineData("{\"messages\":[{\"data\":\"%%%\"}]}")]
    [InlineData("{\"messages\":[{\"data\":\"eA==\",\"messageId\":\"1\"}]}")]
    [InlineData("{\"messages\":[{\"attributes\":{\"googKey\":\"v\"}}]}")]
    [InlineData("{\"messages\":[{\"data\":\"eA==\",\"orderingKey\":\"a\"},{\"data\":\"eA==\",\"orderingKey\":\"b\"}]}")]
    [InlineData("not json")]
    public async Task An_invalid_publish_is_a_400_and_publishes_nothing(string body)
    {
        await rest.CreateTopicOrFailAsync("checked");
        await rest.CreateSubscriptionOrFailAsync("checked-sub", new { topic = rest.Topic("checked") });

        var response = await http.PostAsync($"v1/projects/{rest.Project}/topics/checked:publish", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", (await PubSubRest.ErrorOf(response)).GetProperty("status").GetString());
        var pulled = await rest.PostAsync($"v1/projects/{rest.Project}/subscriptions/checked-sub:pull", new { maxMessages = 10 });
        Assert.Null(pulled["receivedMessages"]);
    }

    [Fact]
    public async Task Publish_to_a_missing_topic_is_a_404()
    {
        var response = await rest.PublishAsync("missing", PubSubRest.Message("x"));

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_subscription_receives_only_messages_published_after_it_was_created()
    {
        await rest.CreateTopicOrFailAsync("late");
        await rest.PublishOrFailAsync("late", PubSubRest.Message("before"));
        await rest.CreateSubscriptionOrFailAsync("late-sub", new { topic = rest.Topic("late") });
        await rest.PublishOrFailAsync("late", PubSubRest.Message("after"));

        var pulled = await rest.PostAsync($"v1/projects/{rest.Project}/subscriptions/late-sub:pull", new { maxMessages = 10 });

        var messages = pulled["receivedMessages"]!.AsArray();
        Assert.Single(messages);
        Assert.Equal("after", Encoding.UTF8.GetString(Convert.FromBase64String(messages[0]!["message"]!["data"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Pulled_messages_are_leased_until_acked_and_a_zero_deadline_nacks_them()
    {
        await rest.CreateTopicOrFailAsync("pulled");
        await rest.CreateSubscriptionOrFailAsync("pull-sub", new { topic = rest.Topic("pulled") });
        await rest.PublishOrFailAsync("pulled", PubSubRest.Message("m1"), PubSubRest.Message("m2"));
        var pullPath = $"v1/projects/{rest.Project}/subscriptions/pull-sub:pull";

        var first = (await rest.PostAsync(pullPath, new { maxMessages = 10 }))["receivedMessages"]!.AsArray();
        Assert.Equal(2, first.Count);
        Assert.Null((await rest.PostAsync(pullPath, new { maxMessages = 10 }))["receivedMessages"]);

        var ackIds = first.Select(m => m!["ackId"]!.GetValue<string>()).ToArray();
        await rest.PostAsync($"v1/projects/{rest.Project}/subscriptions/pull-sub:acknowledge", new { ackIds = new[] { ackIds[0] } });
        await rest.PostAsync($"v1/projects/{rest.Project}/subscriptions/pull-sub:modifyAckDeadline", new { ackIds = new[] { ackIds[1] }, ackDeadlineSeconds = 0 });

        var again = (await rest.PostAsync(pullPath, new { maxMessages = 10 }))["receivedMessages"]!.AsArray();
        Assert.Single(again);
        Assert.Equal(first[1]!["message"]!["messageId"]!.GetValue<string>(), again[0]!["message"]!["messageId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_updates_masked_fields_and_refuses_to_change_the_filter()
    {
        await rest.CreateTopicOrFailAsync("patched");
        await rest.CreateSubscriptionOrFailAsync("patch-sub", new { topic = rest.Topic("patched"), ackDeadlineSeconds = 20 });
        var path = $"v1/projects/{rest.Project}/subscriptions/patch-sub";

        var ok = await http.PatchAsync(path, JsonContent.Create(new
        {
            subscription = new { ackDeadlineSeconds = 45, retryPolicy = new { minimumBackoff = "1s", maximumBackoff = "5s" } },
            updateMask = "ackDeadlineSeconds,retryPolicy",
        }));
        var filter = await http.PatchAsync(path, JsonContent.Create(new { subscription = new { filter = "attributes:x" }, updateMask = "filter" }));
        var empty = await http.PatchAsync(path, JsonContent.Create(new { subscription = new { ackDeadlineSeconds = 30 } }));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var got = await rest.GetAsync(path);
        Assert.Equal(45, got["ackDeadlineSeconds"]!.GetValue<int>());
        Assert.Equal("5s", got["retryPolicy"]!["maximumBackoff"]!.GetValue<string>());
        Assert.Equal(400, (int)filter.StatusCode);
        Assert.Equal(400, (int)empty.StatusCode);
    }

    [Fact]
    public async Task ModifyPushConfig_turns_a_pull_subscription_into_push_and_delivers_its_backlog()
    {
        await using var receiver = await PushReceiver.StartAsync();
        await rest.CreateTopicOrFailAsync("switch");
        await rest.CreateSubscriptionOrFailAsync("switch-sub", new { topic = rest.Topic("switch") });
        await rest.PublishOrFailAsync("switch", PubSubRest.Message("waiting"));

        await rest.PostAsync($"v1/projects/{rest.Project}/subscriptions/switch-sub:modifyPushConfig", new { pushConfig = new { pushEndpoint = receiver.Endpoint() } });

        await receiver.WaitForAsync(1, TimeSpan.FromSeconds(15));
        var got = await rest.GetAsync($"v1/projects/{rest.Project}/subscriptions/switch-sub");
        Assert.Equal(receiver.Endpoint(), got["pushConfig"]!["pushEndpoint"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_a_subscription_stops_delivery_and_is_404_afterwards()
    {
        await rest.CreateTopicOrFailAsync("gone");
        await rest.CreateSubscriptionOrFailAsync("gone-sub", new { topic = rest.Topic("gone") });

        var deleted = await http.DeleteAsync($"v1/projects/{rest.Project}/subscriptions/gone-sub");
        var again = await http.DeleteAsync($"v1/projects/{rest.Project}/subscriptions/gone-sub");
        var pull = await http.PostAsync($"v1/projects/{rest.Project}/subscriptions/gone-sub:pull", JsonContent.Create(new { maxMessages = 1 }));

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(404, (int)again.StatusCode);
        Assert.Equal(404, (int)pull.StatusCode);
    }
}
