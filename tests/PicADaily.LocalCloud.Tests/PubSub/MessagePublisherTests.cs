using System.Text;

using Microsoft.Extensions.DependencyInjection;

using PicADaily.LocalCloud.PubSub;
using PicADaily.LocalCloud.Tests.Support;

namespace PicADaily.LocalCloud.Tests.PubSub;

public sealed class MessagePublisherTests
{
    [Fact]
    public async Task An_in_process_publish_reaches_subscribers_like_a_REST_publish()
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        var rest = new PubSubRest(new HttpClient { BaseAddress = cloud.BaseUri });
        await rest.CreateTopicOrFailAsync("picture-events");
        await rest.CreateSubscriptionOrFailAsync("watch", new { topic = rest.Topic("picture-events") });
        var publisher = cloud.Services.GetRequiredService<IMessagePublisher>();

        var id = await publisher.PublishAsync(rest.Topic("picture-events"), Encoding.UTF8.GetBytes("{\"name\":\"a.jpg\"}"),
            new Dictionary<string, string> { ["eventType"] = "OBJECT_FINALIZE" }, CancellationToken.None);

        var pulled = await rest.PostAsync($"v1/projects/{rest.Project}/subscriptions/watch:pull", new { maxMessages = 5 });
        var message = Assert.Single(pulled["receivedMessages"]!.AsArray())!["message"]!;
        Assert.Equal(id, message["messageId"]!.GetValue<string>());
        Assert.Equal("OBJECT_FINALIZE", message["attributes"]!["eventType"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_in_process_publish_to_a_missing_topic_throws_KeyNotFoundException()
    {
        await using var cloud = await TestLocalCloud.StartAsync();
        var publisher = cloud.Services.GetRequiredService<IMessagePublisher>();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => publisher.PublishAsync("projects/p/topics/missing", new byte[] { 1 },
            new Dictionary<string, string>(), CancellationToken.None));
    }
}
