using PicADaily.GoogleCloud.Errors;
using PicADaily.GoogleCloud.Firestore;

namespace PicADaily.Frontend.Operations;

/// <summary>Dead-lettered messages as documents of the Firestore collection <see cref="Collection"/>, created once each.</summary>
public sealed class DeadLetterStore(IFirestoreClient firestore)
{
    public const string Collection = "deadLetters";

    // What one page of operations shows; older ones stay stored and replayable by id.
    internal const int MaxListed = 2000;

    private static class Fields
    {
        public const string Subscription = "sourceSubscription";
        public const string Attempts = "attempts";
        public const string Data = "data";
        public const string Attributes = "attributes";
        public const string Picture = "picture";
        public const string Generation = "generation";
        public const string Received = "received";
        public const string Replayed = "replayed";
        public const string ReplayedBy = "replayedBy";
    }

    /// <summary>False when it was kept already (a redelivery of the dead letter).</summary>
    public async Task<bool> AddAsync(DeadLetterRecord record, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, FirestoreValue>
        {
            [Fields.Subscription] = record.SourceSubscription,
            [Fields.Attempts] = record.Attempts is { } attempts ? attempts : FirestoreValue.Null,
            [Fields.Data] = new BytesValue(record.Data),
            [Fields.Attributes] = new MapValue(record.Attributes.ToDictionary(a => a.Key, a => (FirestoreValue)a.Value)),
            [Fields.Picture] = record.Picture,
            [Fields.Generation] = record.Generation,
            [Fields.Received] = record.Received,
        };
        try
        {
            await firestore.CreateDocumentAsync(Collection, record.Id, fields, cancellationToken);
            return true;
        }
        catch (GoogleApiRequestException e) when (e.Kind is GoogleApiErrorKind.AlreadyExists)
        {
            return false;
        }
    }

    /// <summary>
    /// Records that <paramref name="id"/> was replayed, when and by whom (the last replay wins). Only
    /// these two fields change: the kept message stays as it arrived, replayable again.
    /// </summary>
    /// <returns>False when there is no such record.</returns>
    public async Task<bool> MarkReplayedAsync(string id, DateTimeOffset when, string by, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, FirestoreValue> { [Fields.Replayed] = when, [Fields.ReplayedBy] = by };
        try
        {
            await firestore.PatchDocumentAsync(Collection, id, fields, [Fields.Replayed, Fields.ReplayedBy], FirestorePrecondition.MustExist, cancellationToken);
            return true;
        }
        catch (GoogleApiRequestException e) when (e.Kind is GoogleApiErrorKind.NotFound)
        {
            return false;
        }
    }

    public async Task<DeadLetterRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        IsRecordId(id) && await firestore.GetDocumentAsync(Collection, id, cancellationToken) is { } document ? FromDocument(document) : null;

    /// <summary>Those received since <paramref name="since"/>, oldest first.</summary>
    public async Task<IReadOnlyList<DeadLetterRecord>> ListSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var query = new FirestoreQuery(Collection)
        {
            OrderBy = [new(Fields.Received), new(FirestoreOrder.DocumentNameField)],
            StartAt = FirestoreCursor.StartAtValues(since),
            Limit = MaxListed,
        };
        return (await firestore.RunQueryAsync(query, cancellationToken)).Select(FromDocument).ToList();
    }

    // Ids are SHA-256 hex (see DeadLetterCapture): anything else names no record.
    private static bool IsRecordId(string id) => id.Length == 64 && id.All(char.IsAsciiHexDigitLower);

    private static DeadLetterRecord FromDocument(FirestoreDocument document) => new(
        document.Id,
        document[Fields.Subscription] is StringValue subscription ? subscription.Value : "",
        document[Fields.Attempts] is IntegerValue attempts ? (int)attempts.Value : null,
        document[Fields.Data] is BytesValue data ? data.Value : ReadOnlyMemory<byte>.Empty,
        document[Fields.Attributes] is MapValue map
            ? map.Fields.Where(f => f.Value is StringValue).ToDictionary(f => f.Key, f => ((StringValue)f.Value).Value)
            : new Dictionary<string, string>(),
        document[Fields.Picture] is StringValue picture ? picture.Value : "",
        document[Fields.Generation] is IntegerValue generation ? generation.Value : 0,
        document[Fields.Received] is TimestampValue received ? received.Value : DateTimeOffset.MinValue,
        document[Fields.Replayed] is TimestampValue replayed ? replayed.Value : null,
        document[Fields.ReplayedBy] is StringValue replayedBy ? replayedBy.Value : null);
}
