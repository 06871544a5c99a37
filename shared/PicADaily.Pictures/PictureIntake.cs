using Microsoft.Extensions.Options;
using PicADaily.Contracts.Decoding;
using PicADaily.Contracts.Storage;
using PicADaily.Imaging;
using PicADaily.ServiceDefaults.Events;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.Pictures;

/// <summary>
/// How a service that processes new pictures takes one in: only finalized objects of the pictures
/// bucket, and only the generation the event names, size checked before its content is read, and read
/// only once the process's <see cref="OriginalsBudget"/> has room for it.
/// </summary>
public sealed class PictureIntake(PictureStorage storage, OriginalsBudget budget, IOptions<PicADailySettings> settings)
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
    /// The picture holds its share of the originals budget until it is disposed: dispose it once it is decoded.
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

        var reservation = await budget.ReserveAsync(metadata.Size, cancellationToken);
        try
        {
            if (await storage.DownloadAsync(picture.Bucket, picture.Name, picture.Generation, metadata.Size, cancellationToken) is { } content)
            {
                return Step<FetchedPicture>.Continue(new FetchedPicture(metadata, content, reservation));
            }
        }
        catch
        {
            reservation.Dispose();
            throw;
        }

        reservation.Dispose();
        return Step<FetchedPicture>.Stop(Gone);
    }

    private static HandlerOutcome Gone => HandlerOutcome.Ignored("this generation no longer exists");
}

/// <summary>
/// One picture generation read for processing: its facts and its bytes, and its share of the originals
/// budget, given back on <see cref="Dispose"/> (the bytes must not be used after that).
/// </summary>
public sealed class FetchedPicture(BucketObject metadata, byte[] content, IDisposable reservation) : IDisposable
{
    public BucketObject Metadata { get; } = metadata;

    public byte[] Content { get; } = content;

    public void Dispose() => reservation.Dispose();
}
