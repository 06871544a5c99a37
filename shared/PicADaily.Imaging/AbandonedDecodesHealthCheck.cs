using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PicADaily.Imaging;

/// <summary>
/// Liveness: unhealthy once a decode abandoned at its time limit has still not returned after a further
/// wall-clock ceiling. Such a thread spins for ever on a core; the orchestrator's restart is the only cure.
/// </summary>
public sealed class AbandonedDecodesHealthCheck(AbandonedDecodes abandoned, ImageLimits limits) : IHealthCheck
{
    public const string Name = "abandoned-decodes";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["abandonedStillRunning"] = abandoned.Count };
        var longest = abandoned.LongestAbandoned;
        return Task.FromResult(longest > limits.DecodeWallTimeout
            ? HealthCheckResult.Unhealthy(
                $"{abandoned.Count} abandoned decode(s) still running; the oldest was abandoned {longest.Value.TotalSeconds:0} s ago and ignores cancellation",
                data: data)
            : HealthCheckResult.Healthy($"{abandoned.Count} abandoned decode(s) still running", data));
    }
}
