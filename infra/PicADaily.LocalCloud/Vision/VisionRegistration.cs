using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

using PicADaily.LocalCloud.Hosting;

namespace PicADaily.LocalCloud.Vision;

/// <summary>Registers LocalCloud's Vision <c>images:annotate</c> subset and the test-only canned annotations.</summary>
public static class VisionRegistration
{
    public static IServiceCollection AddLocalVision(this IServiceCollection services)
    {
        services.AddSingleton<ImageSource>();
        services.AddSingleton<CannedAnnotations>();
        services.AddSingleton<AnnotateHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapLocalVision(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/images:annotate", (HttpRequest request, AnnotateHandler handler, CancellationToken ct) => handler.Annotate(request, ct));
        endpoints.MapPost("/v1/projects/{project}/locations/{location}/images:annotate", (HttpRequest request, AnnotateHandler handler, CancellationToken ct) => handler.Annotate(request, ct));
        endpoints.MapPut("/localcloud/vision/canned/{sha256}", PutCanned);
        endpoints.MapDelete("/localcloud/vision/canned/{sha256}", (string sha256, CannedAnnotations canned) =>
            CannedAnnotations.IsHash(sha256) ? Results.Json(new JsonObject { ["deleted"] = canned.Delete(sha256) }) : BadHash(sha256));
        return endpoints;
    }

    private static async Task<IResult> PutCanned(string sha256, HttpRequest request, CannedAnnotations canned, CancellationToken ct)
    {
        if (!CannedAnnotations.IsHash(sha256))
        {
            return BadHash(sha256);
        }

        try
        {
            if (await JsonNode.ParseAsync(request.Body, cancellationToken: ct) is not JsonObject response)
            {
                return GoogleError.Result(HttpStatusCode.BadRequest, "INVALID_ARGUMENT", "The body must be a JSON object shaped like one AnnotateImageResponse.");
            }

            await canned.SaveAsync(sha256, response, ct);
            return Results.Json(response);
        }
        catch (JsonException error)
        {
            return GoogleError.Result(HttpStatusCode.BadRequest, "INVALID_ARGUMENT", $"Invalid JSON payload received. {error.Message}");
        }
    }

    private static IResult BadHash(string sha256) =>
        GoogleError.Result(HttpStatusCode.BadRequest, "INVALID_ARGUMENT", $"\"{sha256}\" is not a SHA-256 in hex (64 hex digits).");
}
