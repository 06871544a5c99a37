namespace PicADaily.Testing;

/// <summary>
/// The one bounded wait of the test suites: checks a condition until it holds, or fails naming what
/// did not happen once the timeout has passed. For state the test cannot be told about (another
/// process, a background loop); where an event or a task can be awaited, await it instead.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(20);

    /// <exception cref="TimeoutException"><paramref name="condition"/> did not hold within <paramref name="timeout"/>.</exception>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {timeout}: {what}");
            }

            await Task.Delay(pollInterval ?? DefaultPollInterval);
        }
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, TimeSpan, string, TimeSpan?)"/>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), timeout, what, pollInterval);
    }
}
