using Microsoft.Extensions.Options;
using PicADaily.Frontend.Uploads;

namespace PicADaily.Frontend.Security;

/// <summary>
/// Answers 413 for a request over <see cref="UploadLimits.MaxRequestBytes"/>: at once when its
/// Content-Length says so, or as soon as Kestrel or the form reader finds out while reading.
/// </summary>
public sealed class RequestSizeGuard(RequestDelegate next, IOptions<UploadLimits> limits, ILogger<RequestSizeGuard> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var max = limits.Value.MaxRequestBytes;
        if (context.Request.ContentLength > max)
        {
            await RefuseAsync(context, max);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception e) when (IsTooLarge(e) && !context.Response.HasStarted)
        {
            logger.LogWarning("Refused an oversized request to {Path}: {Reason}", context.Request.Path, e.Message);
            await RefuseAsync(context, max);
        }
    }

    // Kestrel's MaxRequestBodySize throws BadHttpRequestException(413); the form reader's limits throw InvalidDataException.
    private static bool IsTooLarge(Exception e) =>
        e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
        || (e is InvalidDataException && e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase));

    private static Task RefuseAsync(HttpContext context, long max) =>
        Results.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request too large",
            detail: $"An upload may carry at most {max / (1024 * 1024)} MB in total; send fewer or smaller pictures.")
        .ExecuteAsync(context);
}
