using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Storage;
using PicADaily.Testing.Faults;

namespace PicADaily.EndToEnd.Tests.Property;

/// <summary>Recording the faults of a run and replaying them under other names, on synthetic deliveries: fast, no system.</summary>
public sealed class PropertyFaultsTests
{
    private static readonly (PushFault, double)[] Often = [(PushFault.Duplicate, 0.3), (PushFault.LoseAck, 0.3)];
    private static readonly Func<bool> Up = () => false;

    [Fact]
    public void A_replay_injects_the_recorded_faults_into_the_same_deliveries_of_its_own_pictures_and_nothing_else()
    {
        var recording = PropertyFaults.Drawn("thumbnail", PictureNames.FirstRun(4), Up, 99, Often);
        var first = Deliver(recording.Plan(), "s4-");
        var recorded = recording.Injected;
        Assert.NotEmpty(recorded);
        Assert.All(recorded, f => Assert.StartsWith("s4-", f.Delivery.Picture, StringComparison.Ordinal));

        var replaying = PropertyFaults.Replayed("thumbnail", PictureNames.Replay(4, 2), Up, recorded);
        var replayed = Deliver(replaying.Plan(), "s4r2-");

        // Deliveries of other pictures (an earlier run's) drew faults the first time, and get none on replay.
        Assert.Equal(first.Where(d => d.Name.StartsWith("s4-", StringComparison.Ordinal)).Select(d => d.Fault), replayed.Where(d => d.Name.StartsWith("s4r2-", StringComparison.Ordinal)).Select(d => d.Fault));
        Assert.All(replayed.Where(d => d.Name.StartsWith("s3-", StringComparison.Ordinal)), d => Assert.Equal(PushFault.None, d.Fault));
        Assert.Equal(recorded, replaying.Injected);
    }

    [Fact]
    public void Replays_only_the_faults_given_and_only_those_of_its_service()
    {
        var key = new DeliveryKey("thumbnail", EventTypes.Storage.Finalized, "s4-p001.jpg", 1);
        var faults = PropertyFaults.Replayed("thumbnail", PictureNames.Replay(4, 1), Up, [new PropertyStep.Fault(key, PushFault.Reorder), new PropertyStep.Fault(key with { Service = "image-analysis" }, PushFault.Duplicate)]);
        var plan = faults.Plan();

        Assert.Equal(PushFault.None, plan.Decide(Finalize("s4r1-p001.jpg")));
        Assert.Equal(PushFault.Reorder, plan.Decide(Finalize("s4r1-p001.jpg")));
        Assert.Equal(PushFault.None, plan.Decide(Finalize("s4r1-p001.jpg")));
        Assert.Equal(PushFault.None, plan.Decide(Finalize("s4-p001.jpg")));
    }

    [Fact]
    public void Deliveries_refused_while_the_service_is_dead_are_not_counted_so_later_keys_do_not_depend_on_how_many_came()
    {
        var key = new DeliveryKey("thumbnail", EventTypes.Storage.Finalized, "s4-p001.jpg", 1);
        var down = false;
        var faults = PropertyFaults.Replayed("thumbnail", PictureNames.Replay(4, 1), () => down, [new PropertyStep.Fault(key, PushFault.LoseAck)]);
        var plan = faults.Plan();

        Assert.Equal(PushFault.None, plan.Decide(Finalize("s4r1-p001.jpg")));
        down = true;
        Assert.Equal(PushFault.None, plan.Decide(Finalize("s4r1-p001.jpg")));
        Assert.Equal(PushFault.None, plan.Decide(Finalize("s4r1-p001.jpg")));
        down = false;
        Assert.Equal(PushFault.LoseAck, plan.Decide(Finalize("s4r1-p001.jpg")));
    }

    [Fact]
    public void An_armed_kill_takes_the_next_finalize_of_the_runs_own_pictures_and_is_not_a_recorded_fault()
    {
        var faults = PropertyFaults.Replayed("image-analysis", PictureNames.Replay(4, 1), Up, []);
        var plan = faults.Plan();
        faults.ArmKill();

        Assert.Equal(PushFault.None, plan.Decide(Finalize("s3-p001.jpg")));
        Assert.Equal(PushFault.None, plan.Decide(Delete("s4r1-p001.jpg")));
        Assert.Equal(PushFault.KillAfterWrite, plan.Decide(Finalize("s4r1-p002.jpg")));
        Assert.Equal(PushFault.None, plan.Decide(Finalize("s4r1-p003.jpg")));
        Assert.False(faults.TryDisarmKill(), "it fired already");
        Assert.Empty(faults.Injected);
    }

    [Fact]
    public void A_kill_called_off_never_fires()
    {
        var faults = PropertyFaults.Replayed("thumbnail", PictureNames.FirstRun(4), Up, []);
        var plan = faults.Plan();
        faults.ArmKill();

        Assert.True(faults.TryDisarmKill());
        Assert.Equal(PushFault.None, plan.Decide(Finalize("s4-p001.jpg")));
    }

    [Fact]
    public void Every_step_reads_back_from_its_line()
    {
        PropertyStep[] steps =
        [
            new PropertyStep.Act(new PictureOperation.Write("s4-p001.jpg", 123456)),
            new PropertyStep.Act(new PictureOperation.Delete("s4-p001.jpg")),
            new PropertyStep.Act(new PictureOperation.KillAfterWrite("thumbnail")),
            new PropertyStep.Act(new PictureOperation.RestartLocalCloud()),
            new PropertyStep.Fault(new DeliveryKey("garbage-collection", EventTypes.Storage.Deleted + "+supersede", "s4-p001.jpg", 3), PushFault.LoseAck),
        ];

        Assert.Equal(steps, steps.Select(s => PropertyStep.Parse(s.Format())));
        Assert.Throws<FormatException>(() => PropertyStep.Parse("write s4-p001.jpg"));
    }

    private static List<(string Name, PushFault Fault)> Deliver(FaultPlan plan, string prefix)
    {
        // Interleaved with an earlier run's pictures, overwrites included: the keys must not depend on them.
        string[] order = ["p001", "p002", "p001", "p003", "p002", "p001", "p004", "p003", "p005", "p001", "p002", "p004"];
        var outcome = new List<(string, PushFault)>();
        foreach (var (picture, i) in order.Select((p, i) => (p, i)))
        {
            var ours = $"{prefix}{picture}.jpg";
            var other = $"s3-{picture}.jpg";
            outcome.Add((ours, plan.Decide(i % 3 == 2 ? Delete(ours) : Finalize(ours))));
            outcome.Add((other, plan.Decide(Finalize(other))));
        }

        return outcome;
    }

    private static PushDelivery Finalize(string name) => Delivery(name, StorageEventKind.Finalized, EventTypes.Storage.Finalized);

    private static PushDelivery Delete(string name) => Delivery(name, StorageEventKind.Deleted, EventTypes.Storage.Deleted);

    private static PushDelivery Delivery(string name, StorageEventKind kind, string type) => new("thumbnail", 1, new StorageObjectEvent
    {
        Id = Guid.NewGuid().ToString(),
        Type = type,
        Delivery = new DeliveryInfo(DeliveryMode.PubSubPush),
        Kind = kind,
        Bucket = "pictures",
        Name = name,
        Generation = 1,
    });
}
