using PicADaily.GoogleCloud.Errors;
using PicADaily.GoogleCloud.Firestore;

namespace PicADaily.Frontend.Timeline;

/// <summary>
/// Timeline entries as documents of the Firestore collection <see cref="Collection"/>, one per
/// event. Creation is conditional on absence, so a redelivered event cannot add a second entry.
/// </summary>
public sealed class FirestoreTimelineStore(IFirestoreClient firestore) : ITimelineStore
{
    public const string Collection = "timeline";

    // A picture's history is short; the bound keeps a pathological one from exhausting memory.
    internal const int MaxEntriesPerPicture = 1000;

    public async Task<bool> AddAsync(TimelineEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await firestore.CreateDocumentAsync(Collection, entry.Id, TimelineDocumentMapping.ToFields(entry), cancellationToken);
            return true;
        }
        catch (GoogleApiRequestException e) when (e.Kind is GoogleApiErrorKind.AlreadyExists)
        {
            return false;
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
}
