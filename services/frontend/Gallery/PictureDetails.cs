using Microsoft.Extensions.Options;
using PicADaily.Contracts.Pictures;
using PicADaily.Contracts.Storage;
using PicADaily.Frontend.Storage;
using PicADaily.Frontend.Timeline;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.Frontend.Gallery;

/// <summary>Everything known about one picture: its original (if still there), its document (if analysed), its timeline.</summary>
public sealed record PictureDetails(string Name, StoredObjectInfo? Original, PictureDocument? Document, IReadOnlyList<TimelineEntry> Timeline)
{
    public bool Exists => Original is not null || Document is not null || Timeline.Count > 0;

    public bool Visible => Document?.Visible == true && Document.Generation == Original?.Generation;

    /// <summary>
    /// The trace id of the picture's upload: from the original's metadata (written at upload, or when
    /// LocalCloud announced a dropped file), else from the document (the analysis ran in that trace).
    /// </summary>
    public string? TraceId =>
        PictureTrace.TraceIdOf(Original?.Metadata.GetValueOrDefault(PictureTrace.TraceParentKey)) ?? PictureTrace.TraceIdOf(Document?.TraceParent);
}

/// <summary>Gathers <see cref="PictureDetails"/> from storage, Firestore and the timeline.</summary>
public sealed class PictureDetailsQuery(IPictureDirectory directory, IPictureObjects objects, ITimelineStore timeline, IOptions<PicADailySettings> settings)
{
    public async Task<PictureDetails> GetAsync(string name, CancellationToken cancellationToken)
    {
        var original = objects.GetAsync(settings.Value.PicturesBucket, name, cancellationToken);
        var document = directory.GetAsync(name, cancellationToken);
        var entries = timeline.ListAsync(name, cancellationToken);
        return new PictureDetails(name, await original, await document, await entries);
    }
}
