using PicADaily.Contracts.Storage;
using PicADaily.Testing.Faults;

namespace PicADaily.EndToEnd.Tests.Property;

/// <summary>
/// Decides the faults of one service's deliveries during one run, and records those that hit the run's
/// own pictures as <see cref="PropertyStep.Fault"/>s. A first run draws them from a seeded generator; a
/// replay injects exactly the recorded ones, found again by their <see cref="DeliveryKey"/>. A run's
/// pictures are named with its own prefix (a replay on the same system must not meet the pictures of
/// the run it replays); keys use the names of the recorded history. Deliveries refused while the
/// service is dead are neither counted nor recorded: how many arrive before it is back is a matter of
/// timing, and a fault on a refused delivery changes nothing.
/// </summary>
public sealed class PropertyFaults
{
    private readonly object gate = new();
    private readonly PictureNames names;
    private readonly Func<bool> serviceDown;
    private readonly FaultPlan? drawn;
    private readonly IReadOnlyDictionary<DeliveryKey, PushFault> replayed;
    private readonly Dictionary<(string Event, string Picture), int> received = [];
    private readonly List<PropertyStep.Fault> injected = [];
    private bool killArmed;

    private PropertyFaults(string service, PictureNames names, Func<bool> serviceDown, FaultPlan? drawn, IReadOnlyDictionary<DeliveryKey, PushFault> replayed)
    {
        Service = service;
        this.names = names;
        this.serviceDown = serviceDown;
        this.drawn = drawn;
        this.replayed = replayed;
    }

    /// <summary>Every delivery draws from <paramref name="odds"/> with a generator seeded by <paramref name="seed"/>.</summary>
    /// <param name="serviceDown">Whether the service is dead right now (its deliveries are refused).</param>
    public static PropertyFaults Drawn(string service, PictureNames names, Func<bool> serviceDown, int seed, params (PushFault Fault, double Probability)[] odds) =>
        new(service, names, serviceDown, FaultPlan.Random(seed, odds), new Dictionary<DeliveryKey, PushFault>());

    /// <summary>Exactly <paramref name="faults"/> (those of this service), nothing else.</summary>
    public static PropertyFaults Replayed(string service, PictureNames names, Func<bool> serviceDown, IEnumerable<PropertyStep.Fault> faults) =>
        new(service, names, serviceDown, null, faults.Where(f => f.Delivery.Service == service).ToDictionary(f => f.Delivery, f => f.Injected));

    public string Service { get; }

    /// <summary>The faults injected into this run's pictures so far, in the order they were decided.</summary>
    public IReadOnlyList<PropertyStep.Fault> Injected
    {
        get
        {
            lock (gate)
            {
                return [.. injected];
            }
        }
    }

    /// <summary>The next FINALIZE of one of this run's pictures kills the service after its write.</summary>
    public void ArmKill()
    {
        lock (gate)
        {
            killArmed = true;
        }
    }

    /// <returns>True if the kill had not fired and now never will; false if it already fired.</returns>
    public bool TryDisarmKill()
    {
        lock (gate)
        {
            var wasArmed = killArmed;
            killArmed = false;
            return wasArmed;
        }
    }

    public FaultPlan Plan() => FaultPlan.Using(Decide);

    private PushFault Decide(PushDelivery delivery)
    {
        lock (gate)
        {
            var picture = serviceDown() ? null : names.Recorded(delivery.ObjectName);
            DeliveryKey? key = null;
            if (picture is not null)
            {
                var kind = DeliveryKey.EventOf(delivery);
                var ordinal = received.GetValueOrDefault((kind, picture));
                received[(kind, picture)] = ordinal + 1;
                key = new DeliveryKey(Service, kind, picture, ordinal);
                if (killArmed && delivery.Storage is { Kind: StorageEventKind.Finalized })
                {
                    killArmed = false;
                    return PushFault.KillAfterWrite; // an operation of the history, not a recorded fault
                }
            }

            // Deliveries of earlier runs still draw, so a seed's draws follow arrival order as before; only this run's are recorded.
            var fault = drawn?.Decide(delivery) ?? (key is not null ? replayed.GetValueOrDefault(key) : PushFault.None);
            if (key is not null && fault != PushFault.None)
            {
                injected.Add(new PropertyStep.Fault(key, fault));
            }

            return fault;
        }
    }
}
