using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PicADaily.Collage.Rendering;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Pictures;
using PicADaily.Imaging;
using PicADaily.Pictures;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.Collage;

/// <summary>
/// The schedule ticked: make <c>collage.png</c> from the 4 newest visible pictures' thumbnails,
/// unless the same pictures are already in it. Writes are conditional on the collage generation
/// read, so two concurrent runs leave one consistent collage; after writing, the set is checked
/// again so a picture deleted meanwhile does not stay in it.
/// </summary>
public sealed class CollageTickHandler(
    PictureCatalog catalog,
    PictureStorage storage,
    CollageRenderer renderer,
    ActivityAnnouncer announcer,
    IOptions<PicADailySettings> settings) : IEventHandler<PubSubMessageEvent>
{
    // Each round renders a collage: fewer rounds than a plain conditional write gets.
    private const int MaxRounds = 4;

    public async Task<HandlerOutcome> HandleAsync(PubSubMessageEvent tick, CancellationToken cancellationToken)
    {
        var round = await OptimisticConcurrency.RunAsync("the collage and its newest pictures", RoundAsync, cancellationToken, MaxRounds);
        return round.Outcome ?? round.Value;
    }

    /// <summary>One look at the newest pictures and the collage; null when another run or a change to the set got in between.</summary>
    private async Task<Step<HandlerOutcome>?> RoundAsync(CancellationToken cancellationToken)
    {
        var newest = await catalog.NewestVisibleAsync(CollageRenderer.MaxPictures, cancellationToken);
        var bucket = settings.Value.ThumbnailsBucket;
        var existing = await storage.GetAsync(bucket, ArtifactMetadata.CollageObjectName, generation: null, cancellationToken);
        var current = existing?.Metadata.GetValueOrDefault(ArtifactMetadata.CollagePictures);

        // Most ticks find nothing new: one query and one metadata read, no download, no render.
        if (current is not null && current == Signature(newest))
        {
            return Step<HandlerOutcome>.Continue(HandlerOutcome.Ignored("the newest pictures have not changed"));
        }

        var thumbnails = await DownloadThumbnailsAsync(newest, cancellationToken);
        var signature = Signature(thumbnails.Select(t => t.Picture));
        if (current is not null && current == signature)
        {
            return Step<HandlerOutcome>.Continue(HandlerOutcome.Ignored("the newest pictures have not changed"));
        }

        if (thumbnails.Count == 0 && existing is null)
        {
            return Step<HandlerOutcome>.Continue(HandlerOutcome.Ignored("no pictures and no collage"));
        }

        var written = thumbnails.Count == 0
            ? await RemoveAsync(bucket, existing!.Generation, cancellationToken)
            : await WriteAsync(bucket, thumbnails, signature, existing?.Generation ?? 0, cancellationToken);
        if (written is null)
        {
            return null; // Another run wrote in between: look at what is there now.
        }

        if (Signature(await catalog.NewestVisibleAsync(CollageRenderer.MaxPictures, cancellationToken)) != Signature(newest))
        {
            return null; // The set changed while we rendered (e.g. a delete): render again.
        }

        var pictures = thumbnails.Select(t => new CollagePicture(t.Picture.Name, t.Picture.Generation)).ToList();
        await announcer.AnnounceAsync(new CollageCreated(bucket, ArtifactMetadata.CollageObjectName, written.Value, pictures), cancellationToken);
        PictureSpans.RecordForEach("collage includes the picture", thumbnails.Select(t => t.Picture));
        return Step<HandlerOutcome>.Continue(HandlerOutcome.Handled(pictures.Count == 0 ? "collage removed: no visible pictures" : $"collage of {pictures.Count} pictures"));
    }

    private async Task<long?> WriteAsync(string bucket, IReadOnlyList<(PictureDocument Picture, byte[] Thumbnail)> thumbnails, string signature, long ifGenerationMatch, CancellationToken cancellationToken)
    {
        EncodedPicture collage;
        try
        {
            collage = await renderer.RenderAsync(thumbnails.Select(t => (ReadOnlyMemory<byte>)t.Thumbnail).ToList(), cancellationToken);
        }
        catch (ImageRejectedException e)
        {
            // Our own thumbnails should always load; if one does not, it is a bug worth retrying loudly, not a silent skip.
            throw new InvalidOperationException($"A thumbnail could not be read for the collage: {e.Message}", e);
        }

        var metadata = new Dictionary<string, string> { [ArtifactMetadata.CollagePictures] = signature };
        return await storage.UploadAsync(bucket, ArtifactMetadata.CollageObjectName, collage.Content, collage.ContentType, metadata, ifGenerationMatch, cancellationToken);
    }

    private async Task<long?> RemoveAsync(string bucket, long generation, CancellationToken cancellationToken) =>
        await storage.DeleteAsync(bucket, ArtifactMetadata.CollageObjectName, generation, cancellationToken) ? 0 : null;

    /// <summary>Each picture's thumbnail, when it is the thumbnail of the recorded generation (others are skipped).</summary>
    private async Task<List<(PictureDocument Picture, byte[] Thumbnail)>> DownloadThumbnailsAsync(IReadOnlyList<PictureDocument> pictures, CancellationToken cancellationToken)
    {
        var bucket = settings.Value.ThumbnailsBucket;
        var result = new List<(PictureDocument, byte[])>();
        foreach (var picture in pictures)
        {
            var thumbnail = await storage.GetAsync(bucket, picture.Name, generation: null, cancellationToken);
            if (thumbnail is null || thumbnail.SourceGeneration != picture.Generation)
            {
                continue;
            }

            if (await storage.DownloadAsync(bucket, picture.Name, thumbnail.Generation, cancellationToken) is { } content)
            {
                result.Add((picture, content));
            }
        }

        return result;
    }

    /// <summary>A short fingerprint of which generations of which pictures, in which order.</summary>
    private static string Signature(IEnumerable<PictureDocument> pictures) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', pictures.Select(p => $"{p.Name}#{p.Generation}")))));
}
