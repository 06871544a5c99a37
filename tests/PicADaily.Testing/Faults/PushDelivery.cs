using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Storage;

namespace PicADaily.Testing.Faults;

/// <summary>One push the proxy received, decoded with the services' own contracts so faults can aim at a picture.</summary>
public sealed record PushDelivery(string Service, long Sequence, InboundEvent? Event)
{
    public StorageObjectEvent? Storage => Event as StorageObjectEvent;

    /// <summary>The object this delivery concerns, or "-".</summary>
    public string ObjectName => Event?.ObjectName ?? "-";

    /// <summary>A FINALIZE of <paramref name="name"/>.</summary>
    public bool Finalizes(string name) => Storage is { Kind: StorageEventKind.Finalized } s && s.Name == name;

    /// <summary>A DELETE of <paramref name="name"/> that removes it (not the supersede half of an overwrite).</summary>
    public bool Removes(string name) => Storage is { Kind: StorageEventKind.Deleted, IsSupersede: false } s && s.Name == name;

    public override string ToString() =>
        $"#{Sequence} {Service} {Event?.Type ?? "undecodable"} {ObjectName}#{Event?.ObjectGeneration ?? 0}{(Storage?.IsSupersede == true ? " (supersede)" : "")}";
}
