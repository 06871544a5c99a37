using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using PicADaily.Contracts.Pictures;
using PicADaily.Frontend.Gallery;
using PicADaily.Frontend.Storage;
using PicADaily.Frontend.Uploads;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.Frontend.Api;

/// <summary>
/// The JSON and image API, shaped like the original's: list, upload, details, delete, thumbnails,
/// full images and the collage. Names contain '/', hence the catch-all <c>{**name}</c> routes.
/// </summary>
public static class PictureApi
{
    // Thumbnails and originals change only with their generation: revalidate with the ETag every time.
    private const string RevalidateEveryTime = "private, no-cache";

    public static IEndpointRouteBuilder MapPictureApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet("/pictures", ListAsync);
        api.MapPost("/pictures", UploadAsync).DisableAntiforgery();
        api.MapGet("/pictures/{**name}", DetailsAsync);
        api.MapDelete("/pictures/{**name}", DeleteAsync);
        api.MapGet("/thumbnails/{**name}", ThumbnailAsync);
        api.MapGet("/images/{**name}", ImageAsync);
        api.MapGet("/collage", CollageAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(GalleryQuery gallery, string? label, string? q, string? pageToken, int? pageSize, CancellationToken cancellationToken)
    {
        try
        {
            // "q" is what the original's label links used.
            var page = await gallery.GetPageAsync(pageSize, label ?? q, pageToken, cancellationToken);
            return Results.Ok(new PictureListJson(page.Items.Select(PictureSummaryJson.From).ToList(), page.NextPageToken, page.Label));
        }
        catch (ArgumentException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad page token", detail: e.Message);
        }
    }

    // Antiforgery is checked here rather than by the endpoint filter, so that a missing token is a
    // clear 400 before a byte of any file is looked at.
    private static async Task<IResult> UploadAsync(HttpContext context, IAntiforgery antiforgery, PictureUploader uploader, CancellationToken cancellationToken)
    {
        if (await AntiforgeryProblemAsync(context, antiforgery) is { } problem)
        {
            return problem;
        }

        var files = await UploadRequestReader.ReadFilesAsync(context.Request, cancellationToken);
        if (files.Count == 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: UploadRequestReader.NoFileMessage, detail: $"Send the pictures as multipart/form-data in the field '{UploadRequestReader.FieldName}'.");
        }

        return Results.Ok(new UploadResponseJson(await uploader.UploadAsync(files, cancellationToken)));
    }

    private static async Task<IResult> DetailsAsync(string name, PictureDetailsQuery query, CancellationToken cancellationToken)
    {
        var details = await query.GetAsync(name, cancellationToken);
        return details.Exists ? Results.Ok(PictureDetailsJson.From(details)) : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such picture");
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string name, IAntiforgery antiforgery, IPictureObjects objects, IOptions<PicADailySettings> settings, CancellationToken cancellationToken)
    {
        if (await AntiforgeryProblemAsync(context, antiforgery) is { } problem)
        {
            return problem;
        }

        // Only the original goes: its deletion event lets garbage-collection remove the rest.
        return await objects.DeleteAsync(settings.Value.PicturesBucket, name, cancellationToken)
            ? Results.NoContent()
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such picture");
    }

    private static Task<IResult> ThumbnailAsync(HttpContext context, string name, IPictureObjects objects, IOptions<PicADailySettings> settings, CancellationToken cancellationToken) =>
        ServeAsync(context, objects, settings.Value.ThumbnailsBucket, name, RevalidateEveryTime, cancellationToken);

    private static Task<IResult> ImageAsync(HttpContext context, string name, IPictureObjects objects, IOptions<PicADailySettings> settings, CancellationToken cancellationToken) =>
        ServeAsync(context, objects, settings.Value.PicturesBucket, name, RevalidateEveryTime, cancellationToken);

    // The collage is rewritten every minute under the same name: never let anything cache it.
    private static Task<IResult> CollageAsync(HttpContext context, IPictureObjects objects, IOptions<PicADailySettings> settings, CancellationToken cancellationToken) =>
        ServeAsync(context, objects, settings.Value.ThumbnailsBucket, ArtifactMetadata.CollageObjectName, "no-store", cancellationToken);

    private static async Task<IResult> ServeAsync(HttpContext context, IPictureObjects objects, string bucket, string name, string cacheControl, CancellationToken cancellationToken)
    {
        var stored = await objects.DownloadAsync(bucket, name, cancellationToken);
        if (stored is null)
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such image");
        }

        return ImageResults.Serve(context, stored, cacheControl);
    }

    private static async Task<IResult?> AntiforgeryProblemAsync(HttpContext context, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context);
            return null;
        }
        catch (AntiforgeryValidationException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid antiforgery token", detail: e.Message);
        }
    }
}
