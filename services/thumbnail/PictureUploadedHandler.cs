using Microsoft.Extensions.Options;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Payloads;
using PicADaily.Imaging;
using PicADaily.Pictures;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;
using PicADaily.Thumbnail.Rendering;

namespace PicADaily.Thumbnail;

/// <summary>
/// A picture landed: cut its 400×400 thumbnail into the thumbnails bucket under the same name,
/// mark the picture document, announce thumbnail.created. Older generations never overwrite newer
/// thumbnails, and a thumbnail whose picture vanished or turned out unsafe is removed again. A
/// generation whose thumbnail is already made and recorded is only announced again.
/// </summary>
public sealed class PictureUploadedHandler(
    PictureIntake intake,
    GenerationGuardedArtifacts artifacts,
    PictureStorage storage,
    PictureCatalog catalog,
    ThumbnailRenderer renderer,
    SafeImageLoader loader,
    ActivityAnnouncer announcer,
    IOptions<PicADailySettings> settings) : IEventHandler<StorageObjectEvent>
{
    public async Task<HandlerOutcome> HandleAsync(StorageObjectEvent picture, CancellationToken cancellationToken)
    {
        if (intake.IgnoreUnlessNewPicture(picture) is { } notNew)
        {
            return notNew;
        }

        var thumbnails = settings.Value.ThumbnailsBucket;
        if (await AlreadyMadeAsync(picture, thumbnails, cancellationToken) is { } made)
        {
            // A redelivery, or an operator's replay of a message another subscription gave up on: the
            // thumbnail is made and recorded, so nothing is decoded or rewritten. It is announced again
            // because the attempt that made it may have died before announcing (consumers are idempotent).
            await announcer.AnnounceAsync(new ThumbnailCreated(picture.Bucket, picture.Name, picture.Generation, thumbnails, made.Generation, made.ContentType ?? "image/jpeg"), cancellationToken);
            return HandlerOutcome.Ignored($"the thumbnail of generation {picture.Generation} is already made (generation {made.Generation}); it was announced again");
        }

        var fetched = await intake.FetchAsync(picture, loader.Limits.MaxBytes, cancellationToken);
        if (fetched.Outcome is { } unfetched)
        {
            return unfetched;
        }

        EncodedPicture thumbnail;
        // The original's bytes go back to the originals budget once the thumbnail is made, not after the writes.
        using (var original = fetched.Value)
        {
            try
            {
                thumbnail = await renderer.RenderAsync(original.Content, cancellationToken);
            }
            catch (ImageRejectedException e)
            {
                return HandlerOutcome.Failed(e.Reason.ToCode(), e.Message);
            }
            catch (DecodeDeferredException e)
            {
                // The machine was too busy to judge the picture; nothing is known to be wrong with it.
                return HandlerOutcome.Retry(e.Message);
            }
        }

        var written = await artifacts.WriteAsync(picture.Name, picture.Generation, thumbnail.Content, thumbnail.ContentType, cancellationToken);
        if (written.Outcome is { } unwritten)
        {
            return unwritten;
        }

        var created = fetched.Value.Metadata.Created ?? picture.Time ?? DateTimeOffset.UtcNow;
        var recorded = await catalog.RecordThumbnailAsync(picture.Name, picture.Generation, created, cancellationToken);
        if (recorded.Outcome is { } unrecorded)
        {
            return unrecorded;
        }

        // Write, then verify: the picture may have been deleted, replaced or found unsafe meanwhile.
        switch (recorded.Value == CatalogWrite.Stale ? Verdict.Gone : await VerifyAsync(picture, cancellationToken))
        {
            case Verdict.Gone:
                await storage.DeleteAsync(thumbnails, picture.Name, written.Value, cancellationToken);
                var removed = await catalog.RemoveAsync(picture.Name, picture.Generation, cancellationToken);
                return removed.Outcome ?? HandlerOutcome.Ignored("the picture was deleted or replaced while its thumbnail was made");
            case Verdict.Unsafe:
                // The document stays (an unsafe picture is recorded, not shown); only the public artifact goes.
                await storage.DeleteAsync(thumbnails, picture.Name, written.Value, cancellationToken);
                return HandlerOutcome.Ignored("the picture was found unsafe; no thumbnail is kept");
        }

        await announcer.AnnounceAsync(new ThumbnailCreated(picture.Bucket, picture.Name, picture.Generation, thumbnails, written.Value, thumbnail.ContentType), cancellationToken);
        return HandlerOutcome.Handled($"thumbnail generation {written.Value} ({thumbnail.ContentType}, {thumbnail.Content.Length} bytes)");
    }

    /// <summary>
    /// The thumbnail of exactly this generation, when the document records it and the picture is still
    /// live and not found unsafe; otherwise null, and the full path decides (it also cleans up).
    /// </summary>
    private async Task<BucketObject?> AlreadyMadeAsync(StorageObjectEvent picture, string thumbnails, CancellationToken cancellationToken)
    {
        var document = (await catalog.GetAsync(picture.Name, cancellationToken))?.Document;
        if (document is not { Thumbnail: true } || document.Generation != picture.Generation || document is { Analyzed: true, Safe: false })
        {
            return null;
        }

        var thumbnail = await storage.GetAsync(thumbnails, picture.Name, generation: null, cancellationToken);
        if (thumbnail?.SourceGeneration != picture.Generation)
        {
            return null;
        }

        return await storage.IsLiveAsync(picture.Bucket, picture.Name, picture.Generation, cancellationToken) ? thumbnail : null;
    }

    private async Task<Verdict> VerifyAsync(StorageObjectEvent picture, CancellationToken cancellationToken)
    {
        if (!await storage.IsLiveAsync(picture.Bucket, picture.Name, picture.Generation, cancellationToken))
        {
            return Verdict.Gone;
        }

        var document = await catalog.GetAsync(picture.Name, cancellationToken);
        return document?.Document is { Analyzed: true, Safe: false } recorded && recorded.Generation == picture.Generation
            ? Verdict.Unsafe
            : Verdict.Keep;
    }

    private enum Verdict
    {
        Keep,
        Gone,
        Unsafe,
    }
}
