using System.Text.Json;
using PicADaily.LocalCloud.Hosting;

namespace PicADaily.LocalCloud.PubSub.Api;

/// <summary>Turns refusals into Google's error body: <c>{"error":{"code","message","status"}}</c>.</summary>
internal static class GoogleErrors
{
    public static RouteGroupBuilder WithGoogleErrors(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (GoogleErrorException e)
            {
                return GoogleError.Result(e.HttpStatus, e.Status, e.Message);
            }
            catch (JsonException e)
            {
                return GoogleError.Result(400, "INVALID_ARGUMENT", $"Invalid JSON payload received. {e.Message}");
            }
        });
        return group;
    }

    /// <summary>Reads a JSON body ourselves, so a malformed one gets a Google-shaped 400.</summary>
    public static async Task<T?> ReadBodyAsync<T>(HttpRequest request)
        where T : class
    {
        if (request.ContentLength == 0)
        {
            return null;
        }

        return await JsonSerializer.DeserializeAsync<T>(request.Body, PubSubJson.Options, request.HttpContext.RequestAborted);
    }
}
