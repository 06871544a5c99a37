namespace PicADaily.ServiceDefaults.Events;

/// <summary>
/// Remembers which picture generations this service has already reported as failed, so a redelivery
/// of the same bad picture (a lost ack, a duplicate) is acked without a second <c>processing.failed</c>.
/// </summary>
public interface IFailureMemory
{
    Task<bool> WasReportedAsync(string bucket, string name, long generation, CancellationToken cancellationToken);

    Task RememberAsync(string bucket, string name, long generation, CancellationToken cancellationToken);
}

/// <summary>For services without a place to remember: every failure is reported (at least once).</summary>
internal sealed class NoFailureMemory : IFailureMemory
{
    public Task<bool> WasReportedAsync(string bucket, string name, long generation, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task RememberAsync(string bucket, string name, long generation, CancellationToken cancellationToken) => Task.CompletedTask;
}
