using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace PicADaily.Frontend.RateLimits;

/// <summary>
/// ASP.NET Core's rate limiter over the requests that cost: uploads, deletes and replays (fixed one-minute
/// windows per client address) and live streams (open streams per client, and in total). The client
/// address is the connection's, or the forwarded one where the proxy is trusted.
/// </summary>
public static class FrontendRateLimits
{
    // A concurrency limit has no window to wait for: a closed tab frees a stream at any moment.
    private static readonly TimeSpan LiveStreamRetry = TimeSpan.FromSeconds(10);

    private enum Costly
    {
        None,
        Upload,
        Delete,
        Replay,
        LiveStream,
    }

    public static IServiceCollection AddFrontendRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName)
            .Validate(l => l.IsValid, "Rate limits must be positive, and the total of live streams at least the per-client one.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, limits) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = CreateLimiter(limits.Value);
            options.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    private static PartitionedRateLimiter<HttpContext> CreateLimiter(RateLimitOptions limits)
    {
        var perClient = PartitionedRateLimiter.Create<HttpContext, (Costly, string)>(context =>
        {
            var costly = Classify(context.Request);
            var key = (costly, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return costly switch
            {
                Costly.Upload => RateLimitPartition.GetFixedWindowLimiter(key, _ => PerMinute(limits.UploadsPerMinute)),
                Costly.Delete => RateLimitPartition.GetFixedWindowLimiter(key, _ => PerMinute(limits.DeletesPerMinute)),
                Costly.Replay => RateLimitPartition.GetFixedWindowLimiter(key, _ => PerMinute(limits.ReplaysPerMinute)),
                Costly.LiveStream => RateLimitPartition.GetConcurrencyLimiter(key, _ => new ConcurrencyLimiterOptions { PermitLimit = limits.LiveStreamsPerClient, QueueLimit = 0 }),
                _ => RateLimitPartition.GetNoLimiter((Costly.None, "")),
            };
        });
        var allLiveStreams = PartitionedRateLimiter.Create<HttpContext, Costly>(context =>
            Classify(context.Request) == Costly.LiveStream
                ? RateLimitPartition.GetConcurrencyLimiter(Costly.LiveStream, _ => new ConcurrencyLimiterOptions { PermitLimit = limits.LiveStreamsTotal, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(Costly.None));
        return PartitionedRateLimiter.CreateChained(perClient, allLiveStreams);
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };

    private static Costly Classify(HttpRequest request)
    {
        var path = request.Path;
        if (HttpMethods.IsPost(request.Method) && (path == "/api/pictures" || path == "/upload"))
        {
            return Costly.Upload;
        }

        if ((HttpMethods.IsDelete(request.Method) && path.StartsWithSegments("/api/pictures"))
            || (HttpMethods.IsPost(request.Method) && path.StartsWithSegments("/pictures") && string.Equals(request.Query["handler"], "Delete", StringComparison.OrdinalIgnoreCase)))
        {
            return Costly.Delete;
        }

        if (HttpMethods.IsPost(request.Method) && path.StartsWithSegments("/operations"))
        {
            return Costly.Replay;
        }

        return HttpMethods.IsGet(request.Method) && path == "/api/live" ? Costly.LiveStream : Costly.None;
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : LiveStreamRetry;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var context = rejected.HttpContext;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FrontendRateLimits))
            .LogWarning("Rate limit reached for {Method} {Path} from {Client}; retry after {Seconds} s", context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress, seconds);
        await Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: string.Create(CultureInfo.InvariantCulture, $"Slow down: try again in {seconds} s."))
            .ExecuteAsync(context);
    }
}
