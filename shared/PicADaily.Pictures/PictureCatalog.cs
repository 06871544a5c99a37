using System.Diagnostics;
using PicADaily.Contracts.Pictures;
using PicADaily.Contracts.Storage;
using PicADaily.GoogleCloud.Errors;
using PicADaily.GoogleCloud.Firestore;

namespace PicADaily.Pictures;

/// <summary>
/// The picture documents in Firestore, written so that reordered and duplicated events converge:
/// a document only ever moves forward in generation, every change is a read-modify-write guarded by
/// the document's update time, and analysis and thumbnail each set only their own facts. A write that
/// keeps losing its race stops with the one exhaustion outcome of <see cref="OptimisticConcurrency"/>.
/// </summary>
public sealed class PictureCatalog(IFirestoreClient firestore)
{
    /// <summary>The document and its update time (for guarded writes), or null.</summary>
    public async Task<StoredPicture?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var document = await firestore.GetDocumentAsync(PictureDocument.Collection, PictureDocumentId.FromObjectName(name), cancellationToken);
        return document is null ? null : new StoredPicture(PictureDocumentMapping.FromFields(document), document.UpdateTime);
    }

    /// <summary>
    /// Records what analysis found for <paramref name="generation"/>, and the trace the analysis runs
    /// in (the current activity: the event endpoint continues the picture's trace), so that work
    /// reading the document later, such as the collage, can join the picture's trace.
    /// </summary>
    public Task<Step<CatalogWrite>> RecordAnalysisAsync(string name, long generation, DateTimeOffset created, PictureAnalysis analysis, CancellationToken cancellationToken)
    {
        var traceParent = PictureTrace.TraceParentOf(Activity.Current);
        return UpdateAsync(name, generation, created, picture => picture with
        {
            TraceParent = traceParent ?? picture.TraceParent,
            Analyzed = true,
            Safe = analysis.Safe,
            Labels = analysis.Labels,
            Color = analysis.Color,
            RejectionReason = analysis.RejectionReason,
        }, cancellationToken);
    }

    /// <summary>Records that the thumbnail of <paramref name="generation"/> exists.</summary>
    public Task<Step<CatalogWrite>> RecordThumbnailAsync(string name, long generation, DateTimeOffset created, CancellationToken cancellationToken) =>
        UpdateAsync(name, generation, created, picture => picture with { Thumbnail = true }, cancellationToken);

    /// <summary>Records that <paramref name="service"/> gave up on <paramref name="generation"/> and reported why.</summary>
    public Task<Step<CatalogWrite>> RecordFailureAsync(string name, long generation, string service, DateTimeOffset created, CancellationToken cancellationToken) =>
        UpdateAsync(name, generation, created, picture => picture.FailedBy.Contains(service) ? picture : picture with { FailedBy = [.. picture.FailedBy, service] }, cancellationToken);

    /// <summary>Deletes the document if it describes <paramref name="upToGeneration"/> or older. Continues with true when it deleted one.</summary>
    public Task<Step<bool>> RemoveAsync(string name, long upToGeneration, CancellationToken cancellationToken)
    {
        var id = PictureDocumentId.FromObjectName(name);
        return OptimisticConcurrency.RunAsync<bool>(Describe(name), async ct =>
        {
            var current = await GetAsync(name, ct);
            if (current is null || current.Document.Generation > upToGeneration)
            {
                return Step<bool>.Continue(false);
            }

            try
            {
                await firestore.DeleteDocumentAsync(PictureDocument.Collection, id, Guard(current), ct);
                return Step<bool>.Continue(true);
            }
            catch (GoogleApiRequestException e) when (IsLostRace(e))
            {
                return null; // Someone changed it in between: look again.
            }
        }, cancellationToken);
    }

    /// <summary>Visible pictures, newest first, optionally only those with <paramref name="label"/>.</summary>
    public async Task<PicturePage> ListVisibleAsync(int pageSize, string? label, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        FirestoreFilter visible = FirestoreFilter.Equal(PictureFields.Visible, true);
        var query = new FirestoreQuery(PictureDocument.Collection)
        {
            Where = label is null ? visible : FirestoreFilter.And(visible, FirestoreFilter.ArrayContains(PictureFields.Labels, label)),
            OrderBy = [new(PictureFields.Created, FirestoreDirection.Descending), new(FirestoreOrder.DocumentNameField, FirestoreDirection.Descending)],
            StartAt = PageToken.Decode(pageToken, firestore),
            Limit = pageSize + 1,
        };
        var documents = await firestore.RunQueryAsync(query, cancellationToken);
        var pictures = documents.Take(pageSize).Select(PictureDocumentMapping.FromFields).ToList();
        var next = documents.Count > pageSize ? PageToken.Encode(pictures[^1]) : null;
        return new PicturePage(pictures, next);
    }

    /// <summary>The <paramref name="count"/> newest visible pictures, newest first (what the collage shows).</summary>
    public async Task<IReadOnlyList<PictureDocument>> NewestVisibleAsync(int count, CancellationToken cancellationToken) =>
        (await ListVisibleAsync(count, null, null, cancellationToken)).Pictures;

    // The generation-forward merge: a newer generation's document is never touched, an older one's is replaced.
    private Task<Step<CatalogWrite>> UpdateAsync(string name, long generation, DateTimeOffset created, Func<PictureDocument, PictureDocument> change, CancellationToken cancellationToken)
    {
        var id = PictureDocumentId.FromObjectName(name);
        return OptimisticConcurrency.RunAsync<CatalogWrite>(Describe(name), async ct =>
        {
            var current = await GetAsync(name, ct);
            if (current is not null && current.Document.Generation > generation)
            {
                return Step<CatalogWrite>.Continue(CatalogWrite.Stale);
            }

            // A document of an older generation is replaced: its facts say nothing about this one.
            var basis = current?.Document.Generation == generation
                ? current.Document
                : new PictureDocument { Name = name, Generation = generation, Created = created };
            var next = change(basis);
            try
            {
                await firestore.PatchDocumentAsync(PictureDocument.Collection, id, PictureDocumentMapping.ToFields(next), updateMask: null, Guard(current), ct);
                return Step<CatalogWrite>.Continue(CatalogWrite.Written);
            }
            catch (GoogleApiRequestException e) when (IsLostRace(e))
            {
                return null; // Another handler wrote in between: re-read and apply our change on top of theirs.
            }
        }, cancellationToken);
    }

    private static FirestorePrecondition Guard(StoredPicture? current) =>
        current?.UpdateTime is { } updateTime ? FirestorePrecondition.LastUpdatedAt(updateTime) : FirestorePrecondition.MustNotExist;

    private static bool IsLostRace(GoogleApiRequestException e) =>
        e.Kind is GoogleApiErrorKind.PreconditionFailed or GoogleApiErrorKind.AlreadyExists or GoogleApiErrorKind.NotFound or GoogleApiErrorKind.Aborted;

    private static string Describe(string name) => $"the picture document of '{name}'";
}

/// <summary>A picture document with the update time a guarded write needs.</summary>
public sealed record StoredPicture(PictureDocument Document, DateTimeOffset? UpdateTime);

/// <summary>What analysis established about one generation.</summary>
public sealed record PictureAnalysis(IReadOnlyList<string> Labels, string? Color, bool Safe, string? RejectionReason);

/// <summary>Whether a catalog write applied, or was dropped because a newer generation is recorded.</summary>
public enum CatalogWrite
{
    Written,
    Stale,
}

/// <summary>One page of pictures and the token of the next page (null on the last).</summary>
public sealed record PicturePage(IReadOnlyList<PictureDocument> Pictures, string? NextPageToken);
