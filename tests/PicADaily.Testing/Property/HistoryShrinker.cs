namespace PicADaily.Testing.Property;

/// <summary>
/// Finds a short sub-history that still fails, by delta debugging (Zeller's ddmin): split the failing
/// history into chunks, replay each chunk alone and each history without one chunk, keep the first
/// that still fails, and split finer when none does. Run to the end, the result is 1-minimal: removing
/// any single step of it makes the failure go away (the empty history is assumed to pass). A replay of
/// a whole system costs a minute or more, so the search is bounded by a time budget: no replay starts
/// once the budget is spent, and the shortest failing history found so far is returned.
/// Steps keep their order; a sub-history is always a subsequence of the history given.
/// </summary>
/// <param name="fails">Replays a sub-history; true when it failed again.</param>
/// <param name="budget">No replay starts after this much time (one already started is allowed to finish).</param>
public sealed class HistoryShrinker<T>(Func<IReadOnlyList<T>, Task<bool>> fails, TimeSpan budget, TimeProvider? time = null)
{
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    /// <param name="failing">A history known to fail (its own replay is not repeated).</param>
    public async Task<ShrunkHistory<T>> ShrinkAsync(IReadOnlyList<T> failing)
    {
        ArgumentNullException.ThrowIfNull(failing);
        var started = clock.GetTimestamp();
        // Sub-histories are tracked as positions in the original, so a replayed one is never replayed again.
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var current = Enumerable.Range(0, failing.Count).ToList();
        var replays = 0;
        var chunks = 2;

        IReadOnlyList<T> Steps(IEnumerable<int> positions) => positions.Select(p => failing[p]).ToList();

        while (current.Count >= 2)
        {
            var parts = Split(current, chunks);
            // With two chunks each complement is the other chunk: nothing more to try.
            var candidates = chunks == 2 ? parts : parts.Concat(parts.Select(part => current.Except(part).ToList()));
            var shrunk = false;
            foreach (var (candidate, index) in candidates.Select((c, i) => (c, i)))
            {
                if (!tried.Add(string.Join(',', candidate)))
                {
                    continue;
                }

                if (clock.GetElapsedTime(started) >= budget)
                {
                    return new ShrunkHistory<T>(Steps(current), replays, Minimal: false);
                }

                replays++;
                if (await fails(Steps(candidate)))
                {
                    var wasChunk = index < parts.Count;
                    current = candidate;
                    chunks = wasChunk ? 2 : Math.Max(chunks - 1, 2);
                    shrunk = true;
                    break;
                }
            }

            if (!shrunk)
            {
                if (chunks >= current.Count)
                {
                    break; // every single step was tried without: 1-minimal
                }

                chunks = Math.Min(chunks * 2, current.Count);
            }
        }

        return new ShrunkHistory<T>(Steps(current), replays, Minimal: true);
    }

    private static List<List<int>> Split(List<int> positions, int count)
    {
        var parts = new List<List<int>>(count);
        var start = 0;
        for (var i = 0; i < count; i++)
        {
            // Sizes differ by at most one, the larger ones first.
            var size = (positions.Count / count) + (i < positions.Count % count ? 1 : 0);
            parts.Add(positions.GetRange(start, size));
            start += size;
        }

        return parts;
    }
}

/// <summary>The shortest failing history found, how many replays it took, and whether it is proven 1-minimal (false when the budget ran out first).</summary>
public sealed record ShrunkHistory<T>(IReadOnlyList<T> History, int Replays, bool Minimal);
