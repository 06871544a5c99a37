using PicADaily.LocalCloud.PubSub.Delivery;
using PicADaily.LocalCloud.PubSub.Model;
using PicADaily.LocalCloud.PubSub.State;
using PicADaily.LocalCloud.Hosting;

namespace PicADaily.LocalCloud.PubSub.Api;

/// <summary><c>/v1/projects/{p}/subscriptions</c>: CRUD, patch, modifyPushConfig, pull, acknowledge, modifyAckDeadline.</summary>
internal static class SubscriptionEndpoints
{
    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/v1/projects/{project}/subscriptions").WithGoogleErrors();

        group.MapPut("/{subscription}", async (string project, string subscription, HttpRequest request, PubSubRegistry registry) =>
        {
            var body = await GoogleErrors.ReadBodyAsync<SubscriptionResource>(request)
                ?? throw GoogleErrorException.InvalidArgument("A subscription needs a body with a topic.");
            return Results.Json(SubscriptionView.Of(await registry.CreateSubscriptionAsync(Name(project, subscription), body)), PubSubJson.Options);
        });

        group.MapGet("/{subscription}", (string project, string subscription, PubSubRegistry registry) =>
            Results.Json(SubscriptionView.Of(registry.GetSubscription(Name(project, subscription))), PubSubJson.Options));

        group.MapGet("/", (string project, PubSubRegistry registry) =>
            Results.Json(new ListSubscriptionsResponse([.. registry.ListSubscriptions(project).Select(SubscriptionView.Of)]), PubSubJson.Options));

        group.MapDelete("/{subscription}", async (string project, string subscription, PubSubRegistry registry) =>
        {
            await registry.DeleteSubscriptionAsync(Name(project, subscription));
            return Results.Json(new { });
        });

        group.MapPatch("/{subscription}", async (string project, string subscription, HttpRequest request, PubSubRegistry registry) =>
        {
            var body = await GoogleErrors.ReadBodyAsync<UpdateSubscriptionRequest>(request);
            var updated = await registry.UpdateSubscriptionAsync(Name(project, subscription), body?.Subscription ?? new(), body?.UpdateMask);
            return Results.Json(SubscriptionView.Of(updated), PubSubJson.Options);
        });

        group.MapPost("/{subscriptionAndMethod}", async (string project, string subscriptionAndMethod, HttpRequest request, PubSubRegistry registry, PullLeases leases) =>
        {
            var (id, method) = CustomMethod.Split(subscriptionAndMethod);
            var name = Name(project, id);
            switch (method)
            {
                case "pull":
                    var pull = await GoogleErrors.ReadBodyAsync<PullRequest>(request);
                    return Results.Json(await leases.PullAsync(name, pull?.MaxMessages ?? 0), PubSubJson.Options);
                case "acknowledge":
                    var ack = await GoogleErrors.ReadBodyAsync<AcknowledgeRequest>(request);
                    await leases.AcknowledgeAsync(name, ack?.AckIds ?? []);
                    return Results.Json(new { });
                case "modifyAckDeadline":
                    var modify = await GoogleErrors.ReadBodyAsync<ModifyAckDeadlineRequest>(request);
                    await leases.ModifyAckDeadlineAsync(name, modify?.AckIds ?? [], modify?.AckDeadlineSeconds ?? 0);
                    return Results.Json(new { });
                case "modifyPushConfig":
                    var push = await GoogleErrors.ReadBodyAsync<ModifyPushConfigRequest>(request);
                    await registry.ModifyPushConfigAsync(name, push?.PushConfig);
                    return Results.Json(new { });
                default:
                    throw GoogleErrorException.NotFound($"Unknown subscription method '{method}'.");
            }
        });
    }

    private static string Name(string project, string subscription)
    {
        var name = ResourceNames.Subscription(project, subscription);
        ResourceNames.Parse(name, "subscriptions");
        return name;
    }
}
