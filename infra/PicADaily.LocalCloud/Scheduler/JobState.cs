namespace PicADaily.LocalCloud.Scheduler;

/// <summary>A registered job and what it has done (for the status page).</summary>
public sealed class JobState(ScheduledPublish job)
{
    private readonly CancellationTokenSource cancellation = new();
    private long runs;
    private long failures;

    public ScheduledPublish Job { get; } = job;

    public DateTimeOffset? NextRun { get; internal set; }

    public DateTimeOffset? LastRun { get; private set; }

    public string? LastError { get; private set; }

    public long Runs => Interlocked.Read(ref runs);

    public long Failures => Interlocked.Read(ref failures);

    internal Task Loop { get; set; } = Task.CompletedTask;

    internal CancellationToken Cancellation => cancellation.Token;

    internal void Cancel() => cancellation.Cancel();

    internal void Succeeded(DateTimeOffset at)
    {
        LastRun = at;
        LastError = null;
        Interlocked.Increment(ref runs);
    }

    internal void Failed(DateTimeOffset at, string error)
    {
        LastRun = at;
        LastError = error;
        Interlocked.Increment(ref failures);
    }
}
