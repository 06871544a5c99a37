using PicADaily.LocalCloud.PubSub.Model;
using PicADaily.LocalCloud.Hosting;

namespace PicADaily.LocalCloud.PubSub.Api;

/// <summary><c>/v1/projects/{p}/topics</c>: create, get, list, delete, publish.</summary>
internal static class TopicEndpoints
{
    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/v1/projects/{project}/topics").WithGoogleErrors();

        group.MapPut("/{topic}", async (string project, string topic, HttpRequest request, PubSubBroker broker) =>
            Results.Json(await broker.CreateTopicAsync(Name(project, topic), await GoogleErrors.ReadBodyAsync<TopicResource>(request)), PubSubJson.Options));

        group.MapGet("/{topic}", (string project, string topic, PubSubBroker broker) =>
            Results.Json(broker.GetTopic(Name(project, topic)), PubSubJson.Options));

        group.MapGet("/", (string project, PubSubBroker broker) =>
            Results.Json(new ListTopicsResponse(broker.ListTopics(project)), PubSubJson.Options));

        group.MapGet("/{topic}/subscriptions", (string project, string topic, PubSubBroker broker) =>
            Results.Json(new ListTopicSubscriptionsResponse(broker.ListTopicSubscriptions(Name(project, topic))), PubSubJson.Options));

        group.MapDelete("/{topic}", async (string project, string topic, PubSubBroker broker) =>
        {
            await broker.DeleteTopicAsync(Name(project, topic));
            return Results.Json(new { });
        });

        group.MapPost("/{topicAndMethod}", async (string project, string topicAndMethod, HttpRequest request, PubSubBroker broker) =>
        {
            var (topic, method) = CustomMethod.Split(topicAndMethod);
            if (method != "publish")
            {
                throw GoogleErrorException.NotFound($"Unknown topic method '{method}'.");
            }

            var messages = PublishValidator.Decode(await GoogleErrors.ReadBodyAsync<PublishRequest>(request));
            var ids = await broker.PublishAsync(Name(project, topic), messages);
            return Results.Json(new PublishResponse(ids), PubSubJson.Options);
        });
    }

    private static string Name(string project, string topic)
    {
        var name = ResourceNames.Topic(project, topic);
        ResourceNames.Parse(name, "topics");
        return name;
    }
}
