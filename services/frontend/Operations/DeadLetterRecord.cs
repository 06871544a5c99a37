namespace PicADaily.Frontend.Operations;

/// <summary>
/// A message a subscription gave up on, kept as it arrived on the dead-letter topic so that an
/// operator can publish it again once the cause is fixed.
/// </summary>
/// <param name="Id">Derived from the dead-letter message id: a redelivery of it is the same record.</param>
/// <param name="SourceSubscription">The short name of the subscription that gave up.</param>
/// <param name="Attributes">The original attributes, without the ones Pub/Sub adds when dead-lettering.</param>
/// <param name="Picture">The object name the message concerns, when its attributes say (empty otherwise).</param>
/// <param name="Replayed">When an operator last replayed it (null: never), so the page tells handled from waiting.</param>
/// <param name="ReplayedBy">Who did, as the frontend knew them.</param>
public sealed record DeadLetterRecord(
    string Id,
    string SourceSubscription,
    int? Attempts,
    ReadOnlyMemory<byte> Data,
    IReadOnlyDictionary<string, string> Attributes,
    string Picture,
    long Generation,
    DateTimeOffset Received,
    DateTimeOffset? Replayed = null,
    string? ReplayedBy = null);

/// <summary>The attributes Pub/Sub adds to a dead-lettered message (see Google's dead-letter topics guide).</summary>
public static class DeadLetterAttributes
{
    public const string Prefix = "CloudPubSubDeadLetter";
    public const string SourceSubscription = "CloudPubSubDeadLetterSourceSubscription";
    public const string SourceDeliveryCount = "CloudPubSubDeadLetterSourceDeliveryCount";

    /// <summary>Set on a message the frontend published again, so its timeline and logs can say so.</summary>
    public const string ReplayOf = "picadailyReplayOf";
}
