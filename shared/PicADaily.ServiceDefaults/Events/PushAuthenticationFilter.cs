using Google.Apis.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PicADaily.ServiceDefaults.Events;

/// <summary>
/// Runs before the event endpoint: when push authentication is on, a request without a valid
/// Google-signed token for the configured audience gets 401, a valid token of another account (or
/// audience) gets 403, and the handler never runs.
/// </summary>
public sealed class PushAuthenticationFilter(PushAuthenticationOptions options, IPushTokenValidator validator, ILogger<PushAuthenticationFilter> logger) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!options.Enabled)
        {
            return await next(context);
        }

        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
        {
            logger.LogWarning("Rejected a push without a bearer token");
            return Reject(StatusCodes.Status401Unauthorized, "A Google-signed OIDC bearer token is required.");
        }

        GoogleJsonWebSignature.Payload payload;
        try
        {
            payload = await validator.ValidateAsync(header[Scheme.Length..].Trim(), options.Audience!);
        }
        catch (InvalidJwtException e) when (IsAudienceMismatch(e))
        {
            logger.LogWarning("Rejected a push token issued for another audience: {Reason}", e.Message);
            return Reject(StatusCodes.Status403Forbidden, "The token is not issued for this service.");
        }
        catch (InvalidJwtException e)
        {
            logger.LogWarning("Rejected an invalid push token: {Reason}", e.Message);
            return Reject(StatusCodes.Status401Unauthorized, "The bearer token is not a valid Google-signed token.");
        }

        if (!payload.EmailVerified || !options.AllowedEmails.Contains(payload.Email ?? "", StringComparer.OrdinalIgnoreCase))
        {
            logger.LogWarning("Rejected a push token of {Email} (verified: {Verified}): not an allowed account", payload.Email, payload.EmailVerified);
            return Reject(StatusCodes.Status403Forbidden, "The token's account may not push to this service.");
        }

        return await next(context);
    }

    // Google.Apis.Auth verifies the signature and issuer before the claims, so an audience complaint
    // means a genuine token meant for someone else: forbidden rather than unauthenticated.
    private static bool IsAudienceMismatch(InvalidJwtException e) => e.Message.Contains("'aud'", StringComparison.Ordinal);

    private static IResult Reject(int status, string detail) =>
        Results.Problem(statusCode: status, title: status == StatusCodes.Status401Unauthorized ? "Unauthenticated push" : "Forbidden push", detail: detail);
}
