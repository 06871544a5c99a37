using PicADaily.GoogleCloud.Errors;
using PicADaily.GoogleCloud.Firestore;

namespace PicADaily.Frontend.Timeline;

/// <summary>
/// Timeline entries as documents of the Firestore collection <see cref="Collection"/>, one per
/// event. Creation is conditional on absence, so a redelivered event cannot add a second entry, and
/// stamps the commit time (<see cref="TimelineDocumentMapping.Fields.Recorded"/>) that orders the
/// live stream of every instance.
/// </summary>
public sealed class FirestoreTimelineStore(IFirestoreClient firestore) : ITimelineStore
{
    public const string Collection = "timeline";

    // A picture's history is short; the bound keeps a pathological one from exhausting memory.
    internal const int MaxEntriesPerPicture = 1000;

    public async Task<TimelineCursor?> AddAsync(TimelineEntry entry, bool visibleWhenRecorded, CancellationToken cancellationToken)
    {
        var fields = TimelineDocumentMapping.ToFields(entry);
        fields[TimelineDocumentMapping.Fields.VisibleWhenRecorded] = visibleWhenRecorded;
        var create = FirestoreWrite.Update(Collection, entry.Id, fields, precondition: FirestorePrecondition.MustNotExist,
            setToRequestTime: [TimelineDocumentMapping.Fields.Recorded]);
        try
        {
            var result = await firestore.CommitAsync([create], cancellationToken);
            var recorded = result.WriteResults.Count > 0 && result.WriteResults[0].TransformResults is [TimestampValue stamped, ..]
                ? stamped.Value
                : result.WriteResults.FirstOrDefault()?.UpdateTime ?? result.CommitTime
                    ?? throw new InvalidOperationException("Firestore answered a commit without its time.");
            // Stored timestamps have microsecond precision: the cursor must equal what a query reads back.
            return new TimelineCursor(recorded.AddTicks(-(recorded.UtcTicks % 10)), entry.Id);
        }
        catch (GoogleApiRequestException e) when (e.Kind is GoogleApiErrorKind.AlreadyExists)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<TimelineEntry>> ListAsync(string picture, CancellationToken cancellationToken)
    {
        // Equality only, ordered here: a where+orderBy on two fields would need a composite index
        // in every environment, for lists that are a few dozen entries long.
        var query = new FirestoreQuery(Collection)
        {
            Where = FirestoreFilter.Equal(TimelineDocumentMapping.Fields.Picture, picture),
            Limit = MaxEntriesPerPicture,
        };
        var documents = await firestore.RunQueryAsync(query, cancellationToken);
        return documents.Select(TimelineDocumentMapping.FromDocument)
            .OrderBy(e => e.Time)
            .ThenBy(e => TimelineOrdering.Rank(e.Kind))
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
    }

    // Ordered by one field and the document name: Firestore's automatic single-field index serves it.
    public async Task<IReadOnlyList<RecordedEntry>> ListRecordedAfterAsync(TimelineCursor? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var query = new FirestoreQuery(Collection)
        {
            OrderBy = [new(TimelineDocumentMapping.Fields.Recorded), new(FirestoreOrder.DocumentNameField)],
            StartAt = after is { } cursor
                ? FirestoreCursor.StartAfter(cursor.Recorded, new ReferenceValue(firestore.DocumentName(Collection, cursor.EntryId)))
                : null,
            Limit = limit,
        };
        var documents = await firestore.RunQueryAsync(query, cancellationToken);
        return documents.Select(TimelineDocumentMapping.RecordedFromDocument).OfType<RecordedEntry>().ToList();
    }

    public async Task<IReadOnlyList<RecordedEntry>> ListRecordedSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var query = new FirestoreQuery(Collection)
        {
            OrderBy = [new(TimelineDocumentMapping.Fields.Recorded), new(FirestoreOrder.DocumentNameField)],
            StartAt = FirestoreCursor.StartAtValues(since),
            Limit = limit,
        };
        var documents = await firestore.RunQueryAsync(query, cancellationToken);
        return documents.Select(TimelineDocumentMapping.RecordedFromDocument).OfType<RecordedEntry>().ToList();
    }

    public async Task<TimelineCursor?> NewestCursorAsync(CancellationToken cancellationToken)
    {
        var query = new FirestoreQuery(Collection)
        {
            OrderBy = [new(TimelineDocumentMapping.Fields.Recorded, FirestoreDirection.Descending), new(FirestoreOrder.DocumentNameField, FirestoreDirection.Descending)],
            Limit = 1,
        };
        var documents = await firestore.RunQueryAsync(query, cancellationToken);
        return documents.Select(TimelineDocumentMapping.RecordedFromDocument).OfType<RecordedEntry>().FirstOrDefault()?.Cursor;
    }
}
