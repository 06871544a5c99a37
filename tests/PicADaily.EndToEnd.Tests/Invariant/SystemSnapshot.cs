using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Pictures;

namespace PicADaily.EndToEnd.Tests.Invariant;

/// <summary>What the buckets, the documents and the activity topic hold once the system is quiet.</summary>
public sealed record SystemSnapshot
{
    /// <summary>Live objects of the pictures bucket: name → live generation.</summary>
    public required IReadOnlyDictionary<string, long> LivePictures { get; init; }

    /// <summary>Picture documents by object name.</summary>
    public required IReadOnlyDictionary<string, PictureDocument> Documents { get; init; }

    /// <summary>Thumbnails (not the collage) by object name: the source generation they record, null when none.</summary>
    public required IReadOnlyDictionary<string, long?> Thumbnails { get; init; }

    /// <summary>Generations a service announced it gave up on (processing.failed): they need no document.</summary>
    public required IReadOnlySet<(string Name, long Generation)> FailedGenerations { get; init; }

    /// <summary>The live collage, or null when there is none.</summary>
    public LiveCollage? Collage { get; init; }
}

/// <summary>
/// The live <c>collage.png</c>: its generation and the pictures its announcement listed, null when no
/// collage.created announced that generation.
/// </summary>
public sealed record LiveCollage(long Generation, IReadOnlyList<CollagePicture>? Pictures);
