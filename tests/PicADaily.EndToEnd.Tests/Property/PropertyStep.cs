using System.Globalization;
using PicADaily.Testing.Faults;

namespace PicADaily.EndToEnd.Tests.Property;

/// <summary>
/// One step of a run's event history, the unit the shrinker removes: something the test did to the
/// pictures or the processes (<see cref="Act"/>), or a fault a push proxy injected into one delivery
/// (<see cref="Fault"/>). Written one per line, so a shrunk history can be saved and replayed.
/// </summary>
public abstract record PropertyStep
{
    /// <summary>The picture this step concerns, or "-" for a process fault.</summary>
    public abstract string Picture { get; }

    /// <summary>The line <see cref="Parse"/> reads back.</summary>
    public abstract string Format();

    public override string ToString() => Format();

    public sealed record Act(PictureOperation Operation) : PropertyStep
    {
        public override string Picture => Operation.Name;

        public override string Format() => Operation switch
        {
            PictureOperation.Write w => string.Create(CultureInfo.InvariantCulture, $"write {w.Name} {w.ContentSeed}"),
            PictureOperation.Delete d => $"delete {d.Name}",
            PictureOperation.KillAfterWrite k => $"kill {k.Service}",
            PictureOperation.RestartLocalCloud => "restart localcloud",
            _ => throw new InvalidOperationException($"no line for {Operation}"),
        };
    }

    public sealed record Fault(DeliveryKey Delivery, PushFault Injected) : PropertyStep
    {
        public override string Picture => Delivery.Picture;

        public override string Format() => string.Create(CultureInfo.InvariantCulture, $"fault {Injected} {Delivery.Service} {Delivery.Event} {Delivery.Picture} #{Delivery.Ordinal}");
    }

    public static PropertyStep Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            ["write", var name, var content] => new Act(new PictureOperation.Write(name, int.Parse(content, CultureInfo.InvariantCulture))),
            ["delete", var name] => new Act(new PictureOperation.Delete(name)),
            ["kill", var service] => new Act(new PictureOperation.KillAfterWrite(service)),
            ["restart", "localcloud"] => new Act(new PictureOperation.RestartLocalCloud()),
            ["fault", var fault, var service, var kind, var picture, var ordinal] when ordinal.StartsWith('#') =>
                new Fault(new DeliveryKey(service, kind, picture, int.Parse(ordinal[1..], CultureInfo.InvariantCulture)), Enum.Parse<PushFault>(fault)),
            _ => throw new FormatException($"not a step of a property history: '{line}'"),
        };
    }
}
