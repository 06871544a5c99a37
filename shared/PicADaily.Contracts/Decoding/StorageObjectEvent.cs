using PicADaily.Contracts.Storage;

namespace PicADaily.Contracts.Decoding;

/// <summary>A Cloud Storage object change, from a notification or from Eventarc.</summary>
public sealed record StorageObjectEvent : InboundEvent
{
    public required StorageEventKind Kind { get; init; }

    public required string Bucket { get; init; }

    public required string Name { get; init; }

    public required long Generation { get; init; }

    /// <summary>On a FINALIZE that replaced a live object: the replaced generation.</summary>
    public long? OverwroteGeneration { get; init; }

    /// <summary>On a DELETE/ARCHIVE caused by an overwrite: the generation that replaced this one.</summary>
    public long? OverwrittenByGeneration { get; init; }

    /// <summary>The object resource, when the payload carried one (JSON_API_V1 or Eventarc).</summary>
    public StorageObjectData? Object { get; init; }

    /// <summary>
    /// A delete that only means "replaced by a newer generation": the picture is not removed.
    /// </summary>
    public bool IsSupersede => Kind is StorageEventKind.Deleted or StorageEventKind.Archived && OverwrittenByGeneration is not null;

    /// <summary>
    /// Identity of the underlying change. One storage change can arrive as several messages with
    /// different message ids, so deduplicate on this, never on <see cref="InboundEvent.Id"/>.
    /// </summary>
    public string DeduplicationKey => $"{Bucket}/{Name}#{Generation}:{Kind}";

    public override string ObjectName => Name;

    public override long ObjectGeneration => Generation;
}
