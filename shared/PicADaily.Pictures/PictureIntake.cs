using Microsoft.Extensions.Options;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Storage;
using PicADaily.Imaging;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.Pictures;

/// <summary>
/// How a service that processes new pictures takes one in: only finalized objects of the pictures
/// bucket, and only the generation the event names, size checked before its content is read.
/// </summary>
public sealed class PictureIntake(PictureStorage storage, IOptions<PicADailySettings> settings)
{
    /// <summary>The outcome for an event that is not a new picture (ignored), or null to go on.</summary>
    public HandlerOutcome? IgnoreUnlessNewPicture(StorageObjectEvent picture)
    {
        if (picture.Kind != StorageEventKind.Finalized)
        {
            return HandlerOutcome.Ignored($"{picture.Kind} is not a new picture");
        }

        return picture.Bucket != settings.Value.PicturesBucket
            ? HandlerOutcome.Ignored($"bucket '{picture.Bucket}' is not the pictures bucket")
            : null;
    }

    /// <summary>
    /// Reads the event's generation for processing, checking its size before downloading it, so an
    /// oversized upload costs one metadata read rather than its whole content in memory. Stops with
    /// "ignored" when that generation is gone, "failed permanently" when it is larger than <paramref name="maxBytes"/>.
    /// </summary>
    public async Task<Step<FetchedPicture>> FetchAsync(StorageObjectEvent picture, long maxBytes, CancellationToken cancellationToken)
    {
        var metadata = await storage.GetAsync(picture.Bucket, picture.Name, picture.Generation, cancellationToken);
        if (metadata is null)
        {
            return Step<FetchedPicture>.Stop(Gone);
        }

        if (metadata.Size > maxBytes)
        {
            return Step<FetchedPicture>.Stop(HandlerOutcome.Failed(ImageRejectionReason.TooLarge.ToCode(), $"the picture is {metadata.Size} bytes; the limit is {maxBytes}"));
        }

        return await storage.DownloadAsync(picture.Bucket, picture.Name, picture.Generation, metadata.Size, cancellationToken) is { } content
            ? Step<FetchedPicture>.Continue(new FetchedPicture(metadata, content))
            : Step<FetchedPicture>.Stop(Gone);
    }

    private static HandlerOutcome Gone => HandlerOutcome.Ignored("this generation no longer exists");
}

/// <summary>One picture generation read for processing: its facts and its bytes.</summary>
public sealed record FetchedPicture(BucketObject Metadata, byte[] Content);
