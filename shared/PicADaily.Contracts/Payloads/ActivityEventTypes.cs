using System.Text.Json;
using CloudNative.CloudEvents;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;

namespace PicADaily.Contracts.Payloads;

/// <summary>Which payload record each of our event types carries, and how to build the typed event.</summary>
public static class ActivityEventTypes
{
    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.Ordinal)
    {
        [EventTypes.PicADaily.PictureAnalyzed] = Entry.For<PictureAnalyzed>(),
        [EventTypes.PicADaily.PictureRejected] = Entry.For<PictureRejected>(),
        [EventTypes.PicADaily.ThumbnailCreated] = Entry.For<ThumbnailCreated>(),
        [EventTypes.PicADaily.CollageCreated] = Entry.For<CollageCreated>(),
        [EventTypes.PicADaily.PictureCleaned] = Entry.For<PictureCleaned>(),
        [EventTypes.PicADaily.ProcessingFailed] = Entry.For<ProcessingFailed>(),
    };

    public static bool IsActivityType(string? type) => type is not null && Entries.ContainsKey(type);

    public static Type PayloadTypeOf(string type) => Entries[type].PayloadType;

    /// <summary>The event type of a payload record, e.g. <c>typeof(PictureAnalyzed)</c> → picture.analyzed.v1.</summary>
    public static string TypeOf(Type payloadType) =>
        Entries.FirstOrDefault(e => e.Value.PayloadType == payloadType).Key
        ?? throw new ArgumentException($"{payloadType.Name} is not an activity payload.", nameof(payloadType));

    internal static ActivityEvent Create(CloudEvent cloudEvent, JsonElement data, DeliveryInfo delivery) =>
        Entries[cloudEvent.Type!].Create(cloudEvent, data, delivery);

    private sealed record Entry(Type PayloadType, Func<CloudEvent, JsonElement, DeliveryInfo, ActivityEvent> Create)
    {
        public static Entry For<TData>()
            where TData : class => new(typeof(TData), (cloudEvent, data, delivery) => new ActivityEvent<TData>
            {
                Id = cloudEvent.Id!,
                Type = cloudEvent.Type!,
                Source = cloudEvent.Source!,
                Subject = cloudEvent.Subject,
                Time = cloudEvent.Time,
                Delivery = delivery,
                Data = data.Deserialize<TData>(ContractsJson.Options)
                    ?? throw new EventDecodeException($"{cloudEvent.Type} data is null."),
            });
    }
}
