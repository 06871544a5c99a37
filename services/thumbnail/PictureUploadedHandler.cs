using System.Globalization;
using Microsoft.Extensions.Options;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Events;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Pictures;
using PicADaily.Contracts.Publishing;
using PicADaily.Contracts.Storage;
using PicADaily.GoogleCloud.Pictures;
using PicADaily.Imaging;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;
using PicADaily.Thumbnail.Rendering;

namespace PicADaily.Thumbnail;

/// <summary>
/// A picture landed: cut its 400×400 thumbnail into the thumbnails bucket under the same name,
/// mark the picture document, announce thumbnail.created. Older generations never overwrite newer
/// thumbnails, and a thumbnail whose picture vanished or turned out unsafe is removed again.
/// </summary>
public sealed class PictureUploadedHandler(
    PictureStorage storage,
    PictureCatalog catalog,
    ThumbnailRenderer renderer,
    SafeImageLoader loader,
    IEventPublisher publisher,
    IOptions<PicADailySettings> settings) : IEventHandler<StorageObjectEvent>
{
    private const int MaxWriteAttempts = 8;

    public async Task<HandlerOutcome> HandleAsync(StorageObjectEvent picture, CancellationToken cancellationToken)
    {
        var thumbnails = settings.Value.ThumbnailsBucket;
        if (picture.Kind != StorageEventKind.Finalized)
        {
            return HandlerOutcome.Ignored($"{picture.Kind} is not a new picture");
        }

        if (picture.Bucket != settings.Value.PicturesBucket)
        {
            return HandlerOutcome.Ignored($"bucket '{picture.Bucket}' is not the pictures bucket");
        }

        var fetched = await storage.FetchAsync(picture.Bucket, picture.Name, picture.Generation, loader.Limits.MaxBytes, cancellationToken);
        if (fetched is PictureFetch.TooLarge tooLarge)
        {
            return HandlerOutcome.Failed(ImageRejectionReason.TooLarge.ToCode(), $"the picture is {tooLarge.Size} bytes; the limit is {tooLarge.Limit}");
        }

        if (fetched is not PictureFetch.Read(var stored, var content))
        {
            return HandlerOutcome.Ignored("this generation no longer exists");
        }

        EncodedPicture thumbnail;
        try
        {
            thumbnail = await renderer.RenderAsync(content, cancellationToken);
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

        var written = await WriteUnlessNewerExistsAsync(thumbnails, picture, thumbnail, cancellationToken);
        if (written is null)
        {
            return HandlerOutcome.Ignored("a thumbnail of a newer generation already exists");
        }

        var created = stored.TimeCreatedDateTimeOffset ?? picture.Time ?? DateTimeOffset.UtcNow;
        var recorded = await catalog.RecordThumbnailAsync(picture.Name, picture.Generation, created, cancellationToken);

        // Write, then verify: the picture may have been deleted, replaced or found unsafe meanwhile.
        switch (recorded == CatalogWrite.Stale ? Verdict.Gone : await VerifyAsync(picture, cancellationToken))
        {
            case Verdict.Gone:
                await storage.DeleteAsync(thumbnails, picture.Name, written.Value, cancellationToken);
                await catalog.RemoveAsync(picture.Name, picture.Generation, cancellationToken);
                return HandlerOutcome.Ignored("the picture was deleted or replaced while its thumbnail was made");
            case Verdict.Unsafe:
                // The document stays (an unsafe picture is recorded, not shown); only the public artifact goes.
                await storage.DeleteAsync(thumbnails, picture.Name, written.Value, cancellationToken);
                return HandlerOutcome.Ignored("the picture was found unsafe; no thumbnail is kept");
        }

        var announcement = new ThumbnailCreated(picture.Bucket, picture.Name, picture.Generation, thumbnails, written.Value, thumbnail.ContentType);
        await publisher.PublishAsync(Topics.PictureActivity, ActivityEventFactory.Create(settings.Value.ServiceName, announcement), cancellationToken);
        return HandlerOutcome.Handled($"thumbnail generation {written} ({thumbnail.ContentType}, {thumbnail.Content.Length} bytes)");
    }

    /// <returns>The thumbnail's generation, or null when a newer generation's thumbnail is in place.</returns>
    private async Task<long?> WriteUnlessNewerExistsAsync(string bucket, StorageObjectEvent picture, EncodedPicture thumbnail, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string>
        {
            [ArtifactMetadata.SourceGeneration] = picture.Generation.ToString(CultureInfo.InvariantCulture),
        };
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var existing = await storage.GetAsync(bucket, picture.Name, generation: null, cancellationToken);
            if (existing is not null && PictureStorage.SourceGenerationOf(existing) > picture.Generation)
            {
                return null;
            }

            // Conditional on what we just saw, so a concurrent writer of a newer generation wins the race.
            var written = await storage.UploadAsync(bucket, picture.Name, thumbnail.Content, thumbnail.ContentType, metadata, existing?.Generation ?? 0, cancellationToken);
            if (written is not null)
            {
                return written;
            }
        }

        throw new InvalidOperationException($"The thumbnail of '{picture.Name}' kept changing under us; retry later.");
    }

    private async Task<Verdict> VerifyAsync(StorageObjectEvent picture, CancellationToken cancellationToken)
    {
        var live = await storage.GetAsync(picture.Bucket, picture.Name, generation: null, cancellationToken);
        if (live?.Generation != picture.Generation)
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
