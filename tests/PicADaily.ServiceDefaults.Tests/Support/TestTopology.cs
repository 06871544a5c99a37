using PicADaily.Contracts.Topology;

namespace PicADaily.ServiceDefaults.Tests.Support;

/// <summary>A topology in which <paramref name="service"/> is subscribed to exactly <paramref name="eventTypes"/>, so its start-up check passes.</summary>
internal static class TestTopology
{
    public static Topology Delivering(string service, params string[] eventTypes) => new(
        ProjectId: "test-project",
        Buckets: [],
        Notifications: [],
        Topics: ["test-events"],
        Subscriptions: [new PushSubscription($"{service}-test-events", "test-events", service, "/events", 60, null, null, null)],
        Schedules: [],
        Services:
        [
            new ServiceDeclaration("test-publisher", [], [new PublishedEvents("test-events", eventTypes)]),
            new ServiceDeclaration(service, eventTypes, []),
        ]);
}
