using PicADaily.ServiceDefaults.Events;

namespace PicADaily.Pictures;

/// <summary>
/// The one optimistic read-modify-write loop: read, decide, write conditionally on what was read; on a
/// lost race, read again. It gives up one way only: a <see cref="OutcomeKind.Retry"/> outcome (503), so
/// Pub/Sub redelivers later with backoff instead of the handler failing (500) or acking half-done work.
/// </summary>
public static class OptimisticConcurrency
{
    /// <summary>
    /// Lost races before giving up. The writers of one object or document are the few handlers of one
    /// picture (analysis, thumbnail, clean-up, a redelivery); more losses than this mean a storm that
    /// Pub/Sub's backoff settles better than a hot loop does.
    /// </summary>
    public const int MaxAttempts = 8;

    /// <param name="what">What kept changing, for the retry reason (e.g. "the thumbnail of 'a.jpg'").</param>
    /// <param name="attempt">One read-decide-write pass: null when it lost the race (try again), otherwise its settled step.</param>
    /// <param name="maxAttempts">Fewer when a pass is expensive (the collage renders in each).</param>
    public static async Task<Step<T>> RunAsync<T>(string what, Func<CancellationToken, Task<Step<T>?>> attempt, CancellationToken cancellationToken, int maxAttempts = MaxAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        for (var pass = 0; pass < maxAttempts; pass++)
        {
            if (await attempt(cancellationToken) is { } settled)
            {
                return settled;
            }
        }

        return Step<T>.Stop(Exhausted(what, maxAttempts));
    }

    /// <summary>The one outcome of a loop that kept losing: retry later (503).</summary>
    public static HandlerOutcome Exhausted(string what, int attempts) =>
        HandlerOutcome.Retry($"{what} kept changing under us ({attempts} conditional writes lost); deliver again later");
}
