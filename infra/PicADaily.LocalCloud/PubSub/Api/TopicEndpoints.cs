using PicADaily.LocalCloud.PubSub.Model;
using PicADaily.LocalCloud.PubSub.Publishing;
using PicADaily.LocalCloud.PubSub.State;
using PicADaily.LocalCloud.Hosting;

namespace PicADaily.LocalCloud.PubSub.Api;

/// <summary><c>/v1/projects/{p}/topics</c>: create, get, list, delete, publish.</summary>
internal static class TopicEndpoints
{
    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/v1/projects/{project}/topics").WithGoogleErrors();

        group.MapPut("/{topic}", async (string project, string topic, HttpRequest request, PubSubRegistry registry) =>
            Results.Json(await registry.CreateTopicAsync(Name(project, topic), await GoogleErrors.ReadBodyAsync<TopicResource>(request)), PubSubJson.Options));

        group.MapGet("/{topic}", (string project, string topic, PubSubRegistry registry) =>
            Results.Json(registry.GetTopic(Name(project, topic)), PubSubJson.Options));

        group.MapGet("/", (string project, PubSubRegistry registry) =>
            Results.Json(new ListTopicsResponse(registry.ListTopics(project)), PubSubJson.Options));

        group.MapGet("/{topic}/subscriptions", (string project, string topic, PubSubRegistry registry) =>
            Results.Json(new ListTopicSubscriptionsResponse(registry.ListTopicSubscriptions(Name(project, topic))), PubSubJson.Options));

        group.MapDelete("/{topic}", async (string project, string topic, PubSubRegistry registry) =>
        {
            await registry.DeleteTopicAsync(Name(project, topic));
            return Results.Json(new { });
        });

        group.MapPost("/{topicAndMethod}", async (string project, string topicAndMethod, HttpRequest request, PubSubPublisher publisher) =>
        {
            var (topic, method) = CustomMethod.Split(topicAndMethod);
            if (method != "publish")
            {
                throw GoogleErrorException.NotFound($"Unknown topic method '{method}'.");
            }

            var messages = PublishValidator.Decode(await GoogleErrors.ReadBodyAsync<PublishRequest>(request));
            var ids = await publisher.PublishAsync(Name(project, topic), messages);
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
