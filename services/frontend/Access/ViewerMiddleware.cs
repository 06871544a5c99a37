using Google.Apis.Auth;
using Microsoft.Extensions.Options;

namespace PicADaily.Frontend.Access;

/// <summary>
/// Establishes each request's <see cref="Viewer"/>. Behind IAP (<see cref="AccessOptions.IapAudience"/>
/// set) a request without a valid assertion is answered 401 and goes no further; otherwise the
/// development identity, if configured, stands in.
/// </summary>
public sealed class ViewerMiddleware(RequestDelegate next, IOptions<AccessOptions> options, IapAssertionVerifier verifier, ILogger<ViewerMiddleware> logger)
{
    // Push deliveries carry their own Google-signed token (checked by the event endpoint) and the
    // platform's health probes carry none: neither comes through IAP.
    private static readonly PathString[] NotThroughIap = ["/events", "/health", "/alive"];

    public async Task InvokeAsync(HttpContext context)
    {
        var access = options.Value;
        if (string.IsNullOrWhiteSpace(access.IapAudience))
        {
            context.SetViewer(string.IsNullOrWhiteSpace(access.DevelopmentIdentity)
                ? Viewer.Anonymous
                : new Viewer(access.DevelopmentIdentity.Trim(), access.IsAdmin(access.DevelopmentIdentity), IsDevelopmentIdentity: true));
            await next(context);
            return;
        }

        if (NotThroughIap.Any(path => context.Request.Path.StartsWithSegments(path)))
        {
            await next(context);
            return;
        }

        var assertion = context.Request.Headers[IapAssertionVerifier.HeaderName].ToString();
        if (string.IsNullOrEmpty(assertion))
        {
            await RefuseAsync(context, "This site is behind Identity-Aware Proxy; the request carried no IAP assertion.");
            return;
        }

        string? email;
        try
        {
            email = await verifier.VerifyAsync(assertion, context.RequestAborted);
        }
        catch (InvalidJwtException e)
        {
            logger.LogWarning("Refused a request to {Path} with an invalid IAP assertion: {Reason}", context.Request.Path, e.Message);
            await RefuseAsync(context, "The IAP assertion is invalid or expired.");
            return;
        }

        context.SetViewer(new Viewer(email, access.IsAdmin(email), IsDevelopmentIdentity: false));
        await next(context);
    }

    private static Task RefuseAsync(HttpContext context, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in through Identity-Aware Proxy", detail: detail).ExecuteAsync(context);
}
