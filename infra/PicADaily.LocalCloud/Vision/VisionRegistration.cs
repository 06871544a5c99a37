using System.Text.Json.Nodes;

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
        endpoints.MapRawPath("/v1/images:annotate", "/", AnnotateAsync);
        endpoints.MapRawPath("/v1/projects/{project}/locations/{location}/images:annotate", "/", AnnotateAsync);
        endpoints.MapRawPath("/localcloud/vision/canned/{sha256}", "/localcloud/vision/canned/", CannedAsync);
        return endpoints;
    }

    private static Task<IResult> AnnotateAsync(HttpContext context, IReadOnlyList<string> path) =>
        context.RequestServices.GetRequiredService<AnnotateHandler>().Annotate(context.Request, context.RequestAborted);

    private static async Task<IResult> CannedAsync(HttpContext context, IReadOnlyList<string> path)
    {
        var sha256 = path[0];
        if (!CannedAnnotations.IsHash(sha256))
        {
            throw GoogleErrorException.InvalidArgument($"\"{sha256}\" is not a SHA-256 in hex (64 hex digits).");
        }

        var canned = context.RequestServices.GetRequiredService<CannedAnnotations>();
        switch (context.Request.Method)
        {
            case "PUT":
                var response = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject
                    ?? throw GoogleErrorException.InvalidArgument("The body must be a JSON object shaped like one AnnotateImageResponse.");
                await canned.SaveAsync(sha256, response, context.RequestAborted);
                return Results.Json(response);
            case "DELETE":
                return Results.Json(new JsonObject { ["deleted"] = canned.Delete(sha256) });
            default:
                throw GoogleErrorException.NotFound($"LocalCloud has no {context.Request.Method} on canned annotations.");
        }
    }
}
