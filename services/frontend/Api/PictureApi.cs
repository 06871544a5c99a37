using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using PicADaily.Contracts.Pictures;
using PicADaily.Frontend.Access;
using PicADaily.Frontend.Gallery;
using PicADaily.Frontend.Ownership;
using PicADaily.Frontend.Storage;
using PicADaily.Frontend.Uploads;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.Frontend.Api;

/// <summary>
/// The JSON and image API, shaped like the original's: list, upload, details, delete, thumbnails,
/// full images and the collage. Names contain '/', hence the catch-all <c>{**name}</c> routes.
/// Deleting and seeing hidden originals follow <see cref="PictureAccess"/>; no answer carries exception text.
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
        catch (ArgumentException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad page token", detail: "The page token is not one this gallery issued; start from the first page.");
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

        return Results.Ok(new UploadResponseJson(await uploader.UploadAsync(files, context.GetViewer(), cancellationToken)));
    }

    private static async Task<IResult> DetailsAsync(string name, PictureDetailsQuery query, CancellationToken cancellationToken)
    {
        var details = await query.GetAsync(name, cancellationToken);
        return details.Exists ? Results.Ok(PictureDetailsJson.From(details)) : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such picture");
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string name, IAntiforgery antiforgery, PictureDeleter deleter, CancellationToken cancellationToken)
    {
        if (await AntiforgeryProblemAsync(context, antiforgery) is { } problem)
        {
            return problem;
        }

        var token = context.Request.Headers[DeleteCapability.HeaderName].ToString();
        var result = await deleter.DeleteAsync(name, context.GetViewer(), token, cancellationToken);
        return result.Outcome switch
        {
            DeleteOutcome.Deleted => Results.NoContent(),
            DeleteOutcome.Refused => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed to delete this picture", detail: result.Reason),
            DeleteOutcome.Changed => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The picture changed", detail: result.Reason),
            _ => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such picture"),
        };
    }

    // The gallery asks with the picture's generation (?generation=): the answer to that URL never
    // changes (a replacement is a new generation, so a new URL), so this browser may keep it without
    // asking again. Kept private: a picture deleted later stays only in caches of those who saw it.
    private const string KeepForThisGeneration = "private, max-age=31536000, immutable";

    private static async Task<IResult> ThumbnailAsync(HttpContext context, string name, long? generation, IPictureObjects objects, PictureVisibility visibility, IOptions<PicADailySettings> settings, CancellationToken cancellationToken)
    {
        var stored = await objects.DownloadAsync(settings.Value.ThumbnailsBucket, name, cancellationToken);
        if (stored is null || !await visibility.IsThumbnailVisibleAsync(stored.Info, cancellationToken))
        {
            // A hidden picture's thumbnail (if the thumbnail service got there first) is nobody's to see.
            return NoSuchImage(context);
        }

        // Visible means cut from the live generation; only a thumbnail that says which one is kept.
        var cutFromAskedGeneration = generation is { } asked
            && stored.Info.Metadata.TryGetValue(ArtifactMetadata.SourceGeneration, out var source)
            && source == asked.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ImageResults.Serve(context, stored, cutFromAskedGeneration ? KeepForThisGeneration : RevalidateEveryTime);
    }

    // A hidden original (unsafe, not analysed yet, failed) goes only to an admin or the holder of its
    // delete capability (header Delete-Token), and is never cached on the way.
    private static async Task<IResult> ImageAsync(HttpContext context, string name, IPictureObjects objects, PictureVisibility visibility, IOptions<PicADailySettings> settings, CancellationToken cancellationToken)
    {
        var stored = await objects.DownloadAsync(settings.Value.PicturesBucket, name, cancellationToken);
        if (stored is null)
        {
            return NoSuchImage(context);
        }

        if (await visibility.IsOriginalVisibleAsync(name, stored.Info.Generation, cancellationToken))
        {
            return ImageResults.Serve(context, stored, RevalidateEveryTime);
        }

        if (PictureAccess.ToSeeHidden(stored.Info, context.GetViewer(), context.Request.Headers[DeleteCapability.HeaderName].ToString()))
        {
            return ImageResults.Serve(context, stored, "no-store");
        }

        context.Response.Headers.CacheControl = "no-store";
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not shown", detail: "This picture is not visible (not analysed yet, rejected as unsafe, or failed): only its uploader and admins may see it. Its page says why.");
    }

    // The collage is rewritten every minute under the same name: never let anything cache it.
    private static async Task<IResult> CollageAsync(HttpContext context, IPictureObjects objects, IOptions<PicADailySettings> settings, CancellationToken cancellationToken) =>
        await objects.DownloadAsync(settings.Value.ThumbnailsBucket, ArtifactMetadata.CollageObjectName, cancellationToken) is { } stored
            ? ImageResults.Serve(context, stored, "no-store")
            : NoSuchImage(context);

    private static IResult NoSuchImage(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such image");
    }

    private static async Task<IResult?> AntiforgeryProblemAsync(HttpContext context, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid antiforgery token", detail: "Load /upload in the same session and send its token in the RequestVerificationToken header.");
        }
    }
}
