using System.Collections.Concurrent;

namespace PicADaily.Imaging;

/// <summary>
/// Decodes that were given up on (cancelled at a time limit) but whose thread has not returned yet. A
/// thread cannot be killed: one that ignores cancellation for ever keeps burning a core, and only a
/// restart of the process gets it back, which is what the liveness check built on this asks for.
/// </summary>
public sealed class AbandonedDecodes(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<long, long> abandonedAt = new();
    private long lastId;

    /// <summary>How many abandoned decodes are still running.</summary>
    public int Count => abandonedAt.Count;

    /// <summary>How long the oldest abandoned decode still running has been abandoned, or null when none is.</summary>
    public TimeSpan? LongestAbandoned
    {
        get
        {
            TimeSpan? longest = null;
            foreach (var at in abandonedAt.Values)
            {
                var elapsed = timeProvider.GetElapsedTime(at);
                longest = longest is null || elapsed > longest ? elapsed : longest;
            }

            return longest;
        }
    }

    /// <summary>Records a decode as abandoned until <paramref name="returned"/> completes.</summary>
    internal void Track(Task returned)
    {
        var id = Interlocked.Increment(ref lastId);
        abandonedAt[id] = timeProvider.GetTimestamp();
        _ = returned.ContinueWith(
            _ => abandonedAt.TryRemove(id, out long _),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
