using PicADaily.Contracts.Events;
using PicADaily.Contracts.Storage;

namespace PicADaily.Contracts.Topology;

/// <summary>A kind of message a topic carries: the CloudEvent type a service decodes it to, and the attributes a filter sees.</summary>
public sealed record CarriedMessage(string EventType, IReadOnlyDictionary<string, string> Attributes, string Origin);

/// <summary>
/// The one place that says which event types reach a subscription. A topic carries: the storage
/// events of the notifications feeding it (<c>OBJECT_FINALIZE</c> → <c>…object.v1.finalized</c>;
/// no event types listed = all four), the schedule ticks published to it (a plain message, so
/// <c>…pubsub.topic.v1.messagePublished</c> unless its attributes name a <c>ce-type</c>), the events
/// services declare they publish to it, and, for a dead-letter topic, whatever the subscriptions
/// dead-lettering into it deliver. A subscription delivers what its filter lets through.
/// </summary>
public static class TopicTraffic
{
    /// <summary>The CloudEvents Pub/Sub binding carries the type in this attribute.</summary>
    private const string CeTypeAttribute = "ce-type";

    /// <summary>The event types <paramref name="subscription"/> delivers, in a stable order.</summary>
    public static IReadOnlyList<string> DeliveredTypes(Topology topology, PushSubscription subscription) =>
        Delivered(topology, subscription, []).Select(m => m.EventType).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Every kind of message published to <paramref name="topic"/>.</summary>
    public static IReadOnlyList<CarriedMessage> MessagesOn(Topology topology, string topic) => MessagesOn(topology, topic, []);

    private static List<CarriedMessage> MessagesOn(Topology topology, string topic, HashSet<string> visiting)
    {
        // A dead-letter loop (a topic dead-lettering into itself through a subscription) adds nothing new.
        if (!visiting.Add(topic))
        {
            return [];
        }

        var messages = new List<CarriedMessage>();
        foreach (var notification in topology.Notifications.Where(n => n.Topic == topic))
        {
            var kinds = notification.EventTypes.Count == 0
                ? Enum.GetValues<StorageEventKind>().Select(NotificationName)
                : notification.EventTypes;
            foreach (var name in kinds)
            {
                if (StorageEventKinds.TryFromNotification(name, out var kind))
                {
                    messages.Add(new CarriedMessage(kind.ToCloudEventType(), Attributes((StorageNotification.EventTypeAttribute, name), (StorageNotification.BucketIdAttribute, notification.Bucket), (StorageNotification.PayloadFormatAttribute, notification.PayloadFormat)), $"notification of bucket '{notification.Bucket}'"));
                }
            }
        }

        foreach (var schedule in topology.Schedules.Where(s => s.Topic == topic))
        {
            var attributes = schedule.Attributes ?? new Dictionary<string, string>();
            var type = attributes.TryGetValue(CeTypeAttribute, out var ceType) ? ceType : EventTypes.PubSubMessagePublished;
            messages.Add(new CarriedMessage(type, attributes, $"schedule '{schedule.Name}'"));
        }

        foreach (var service in topology.DeclaredServices)
        {
            foreach (var published in (service.Publishes ?? []).Where(p => p.Topic == topic))
            {
                messages.AddRange(published.EventTypes.Select(type => new CarriedMessage(type, Attributes((CeTypeAttribute, type)), $"service '{service.Name}'")));
            }
        }

        foreach (var source in topology.Subscriptions.Where(s => s.DeadLetterPolicy?.DeadLetterTopic == topic))
        {
            // Dead-lettered messages keep their attributes, so they decode to the same types.
            messages.AddRange(Delivered(topology, source, visiting).Select(m => m with { Origin = $"dead letters of subscription '{source.Name}'" }));
        }

        visiting.Remove(topic);
        return messages;
    }

    private static IEnumerable<CarriedMessage> Delivered(Topology topology, PushSubscription subscription, HashSet<string> visiting) =>
        MessagesOn(topology, subscription.Topic, visiting).Where(m => SubscriptionFilter.Matches(subscription.Filter, m.Attributes));

    private static string NotificationName(StorageEventKind kind) => kind switch
    {
        StorageEventKind.Finalized => StorageNotification.ObjectFinalize,
        StorageEventKind.Deleted => StorageNotification.ObjectDelete,
        StorageEventKind.Archived => StorageNotification.ObjectArchive,
        StorageEventKind.MetadataUpdated => StorageNotification.ObjectMetadataUpdate,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown storage event kind."),
    };

    private static Dictionary<string, string> Attributes(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
