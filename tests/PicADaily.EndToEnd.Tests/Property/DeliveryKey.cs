using PicADaily.Contracts.Storage;
using PicADaily.Testing.Faults;

namespace PicADaily.EndToEnd.Tests.Property;

/// <summary>
/// Which delivery a fault hit, in terms that survive a replay: the service, the kind of event, the
/// picture (by its name in the recorded history) and how many deliveries of that same kind and picture
/// the service had received before it. Pub/Sub message ids and generations differ on every run; this
/// does not, as long as the deliveries of one picture to one service arrive in the same order.
/// </summary>
public sealed record DeliveryKey(string Service, string Event, string Picture, int Ordinal)
{
    /// <summary>The event type, with "+supersede" for the DELETE half of an overwrite.</summary>
    public static string EventOf(PushDelivery delivery) =>
        (delivery.Event?.Type ?? "undecodable") + (delivery.Storage is { Kind: StorageEventKind.Deleted, IsSupersede: true } ? "+supersede" : "");

    public override string ToString() => $"{Service} {Event} {Picture} #{Ordinal}";
}
