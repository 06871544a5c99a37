using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PicADaily.Contracts.PubSub;
using PicADaily.Frontend.Flow;
using PicADaily.Frontend.Timeline;
using PicADaily.GoogleCloud.PubSub;

namespace PicADaily.Frontend.Operations;

/// <summary>What a replay did: published to which topic, or why not.</summary>
public sealed record ReplayResult(string DeadLetterId, string? Topic, string? Problem);

/// <summary>
/// Publishes a kept dead letter again, data and attributes as they were, to the topic of the
/// subscription that gave up on it (from the topology). Every subscriber of that topic receives it
/// again; the handlers are idempotent, so those that had succeeded change nothing. The picture's
/// timeline records the replay, and then whatever follows from it; the kept dead letter is marked
/// replayed (when, by whom), so the operations page tells the handled ones from those still waiting.
/// </summary>
public sealed class DeadLetterReplayer(TopologySource topology, IPubSubPublisher publisher, TimelineRecorder recorder, DeadLetterStore deadLetters, TimeProvider clock, ILogger<DeadLetterReplayer> logger)
{
    public async Task<ReplayResult> ReplayAsync(DeadLetterRecord deadLetter, string operatorName, CancellationToken cancellationToken)
    {
        var topic = topology.Load().Subscriptions.FirstOrDefault(s => s.Name == deadLetter.SourceSubscription)?.Topic;
        if (topic is null)
        {
            return new ReplayResult(deadLetter.Id, null, $"The topology has no subscription {deadLetter.SourceSubscription}: nowhere to replay to.");
        }

        var attributes = new Dictionary<string, string>(deadLetter.Attributes) { [DeadLetterAttributes.ReplayOf] = deadLetter.Id };
        var ids = await publisher.PublishAsync(topic, [new PubSubMessage(deadLetter.Data, attributes)], cancellationToken);
        logger.LogInformation("Replayed dead letter {DeadLetterId} of {Subscription} for {ObjectName}#{Generation} to {Topic} as message {MessageId} on behalf of {Operator}",
            deadLetter.Id, deadLetter.SourceSubscription, deadLetter.Picture, deadLetter.Generation, topic, ids.FirstOrDefault(), operatorName);
        var now = clock.GetUtcNow();
        if (deadLetter.Picture.Length > 0)
        {
            var identity = string.Create(CultureInfo.InvariantCulture, $"replay\n{deadLetter.Id}\n{ids.FirstOrDefault()}\n{now.UtcTicks}");
            await recorder.RecordAsync(
                [new TimelineEntry(
                    Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity))),
                    deadLetter.Picture,
                    deadLetter.Generation,
                    TimelineKinds.Replayed,
                    "dev.picadaily.operations.replayed",
                    "operations",
                    now,
                    $"dead letter of {deadLetter.SourceSubscription} replayed to topic {topic}",
                    null)],
                cancellationToken);
        }

        // Last, so a record is never marked for a replay that was not published.
        await deadLetters.MarkReplayedAsync(deadLetter.Id, now, operatorName, cancellationToken);
        return new ReplayResult(deadLetter.Id, topic, null);
    }
}
