using System.Text.Json;

namespace PicADaily.LocalCloud.PubSub.Http;

/// <summary>
/// Pub/Sub REST v1 on the raw path (see <see cref="RawPathRouter"/>): <c>/v1/projects/{p}/topics</c> (create,
/// get, list, list subscriptions, delete, publish) and <c>/v1/projects/{p}/subscriptions</c> (create, get, list,
/// patch, delete, modifyPushConfig, pull, acknowledge, modifyAckDeadline).
/// </summary>
internal static class PubSubRouter
{
    private const string Prefix = "/v1/projects/";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var collection in new[] { "topics", "subscriptions" })
        {
            endpoints.MapRawPath($"{Prefix}{{project}}/{collection}", Prefix, RouteAsync);
            endpoints.MapRawPath($"{Prefix}{{project}}/{collection}/{{**path}}", Prefix, RouteAsync);
        }
    }

    private static async Task<IResult> RouteAsync(HttpContext context, IReadOnlyList<string> path)
    {
        var services = context.RequestServices;
        var registry = services.GetRequiredService<PubSubRegistry>();
        var request = context.Request;
        var (id, verb) = path.Count > 2 ? RawPathRouter.SplitMethod(path[2]) : ("", null);
        var project = path[0];
        return (request.Method, path.Count, path[1], verb) switch
        {
            ("GET", 2, "topics", _) => Json(new ListTopicsResponse(registry.ListTopics(project))),
            ("PUT", 3, "topics", null) => Json(await registry.CreateTopicAsync(Topic(project, id), await ReadAsync<TopicResource>(request))),
            ("GET", 3, "topics", null) => Json(registry.GetTopic(Topic(project, id))),
            ("DELETE", 3, "topics", null) => await EmptyAfter(registry.DeleteTopicAsync(Topic(project, id))),
            ("POST", 3, "topics", "publish") => Json(new PublishResponse(await services.GetRequiredService<PubSubPublisher>()
                .PublishAsync(Topic(project, id), PublishValidator.Decode(await ReadAsync<PublishRequest>(request))))),
            ("GET", 4, "topics", null) when path[3] == "subscriptions" => Json(new ListTopicSubscriptionsResponse(registry.ListTopicSubscriptions(Topic(project, id)))),
            ("GET", 2, "subscriptions", _) => Json(new ListSubscriptionsResponse([.. registry.ListSubscriptions(project).Select(SubscriptionView.Of)])),
            ("PUT", 3, "subscriptions", null) => Json(SubscriptionView.Of(await registry.CreateSubscriptionAsync(Subscription(project, id),
                await ReadAsync<SubscriptionResource>(request) ?? throw GoogleErrorException.InvalidArgument("A subscription needs a body with a topic.")))),
            ("GET", 3, "subscriptions", null) => Json(SubscriptionView.Of(registry.GetSubscription(Subscription(project, id)))),
            ("PATCH", 3, "subscriptions", null) => Json(SubscriptionView.Of(await UpdateAsync(registry, Subscription(project, id), await ReadAsync<UpdateSubscriptionRequest>(request)))),
            ("DELETE", 3, "subscriptions", null) => await EmptyAfter(registry.DeleteSubscriptionAsync(Subscription(project, id))),
            ("POST", 3, "subscriptions", not null) => await SubscriptionMethodAsync(context, Subscription(project, id), verb),
            _ => throw GoogleErrorException.NotFound($"LocalCloud's Pub/Sub has no {request.Method} {request.Path}."),
        };
    }

    private static async Task<IResult> SubscriptionMethodAsync(HttpContext context, string name, string verb)
    {
        var request = context.Request;
        var leases = context.RequestServices.GetRequiredService<PullLeases>();
        switch (verb)
        {
            case "pull":
                return Json(await leases.PullAsync(name, (await ReadAsync<PullRequest>(request))?.MaxMessages ?? 0));
            case "acknowledge":
                await leases.AcknowledgeAsync(name, (await ReadAsync<AcknowledgeRequest>(request))?.AckIds ?? []);
                break;
            case "modifyAckDeadline":
                var modify = await ReadAsync<ModifyAckDeadlineRequest>(request);
                await leases.ModifyAckDeadlineAsync(name, modify?.AckIds ?? [], modify?.AckDeadlineSeconds ?? 0);
                break;
            case "modifyPushConfig":
                await context.RequestServices.GetRequiredService<PubSubRegistry>().ModifyPushConfigAsync(name, (await ReadAsync<ModifyPushConfigRequest>(request))?.PushConfig);
                break;
            default:
                throw GoogleErrorException.NotFound($"Unknown subscription method '{verb}'.");
        }

        return Results.Json(new { });
    }

    private static Task<SubscriptionResource> UpdateAsync(PubSubRegistry registry, string name, UpdateSubscriptionRequest? body) =>
        registry.UpdateSubscriptionAsync(name, body?.Subscription ?? new(), body?.UpdateMask);

    private static string Topic(string project, string id) => Checked(ResourceNames.Topic(project, id), "topics");

    private static string Subscription(string project, string id) => Checked(ResourceNames.Subscription(project, id), "subscriptions");

    private static string Checked(string name, string collection)
    {
        ResourceNames.Parse(name, collection);
        return name;
    }

    /// <summary>Reads a JSON body ourselves, so a malformed one gets a Google-shaped 400.</summary>
    private static async Task<T?> ReadAsync<T>(HttpRequest request)
        where T : class =>
        request.ContentLength == 0 ? null : await JsonSerializer.DeserializeAsync<T>(request.Body, PubSubJson.Options, request.HttpContext.RequestAborted);

    private static async Task<IResult> EmptyAfter(Task operation)
    {
        await operation;
        return Results.Json(new { });
    }

    private static IResult Json<T>(T value) => Results.Json(value, PubSubJson.Options);
}
