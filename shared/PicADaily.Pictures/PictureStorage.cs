using System.Net;
using Google;
using Google.Cloud.Storage.V1;
using PicADaily.ServiceDefaults.Events;
using StorageObject = Google.Apis.Storage.v1.Data.Object;

namespace PicADaily.Pictures;

/// <summary>
/// The object operations the services share, with generations made explicit: every read names the
/// generation it wants, every write and delete is conditional, so concurrent or reordered handlers
/// cannot clobber each other. "Not there" and "lost the race" are answers, not exceptions.
/// Objects come back as <see cref="BucketObject"/>: Google's client types stay inside this class.
/// </summary>
public sealed class PictureStorage(StorageClient storage)
{
    /// <summary>The object's metadata (the live generation when <paramref name="generation"/> is null), or null if absent.</summary>
    public async Task<BucketObject?> GetAsync(string bucket, string name, long? generation, CancellationToken cancellationToken)
    {
        try
        {
            return ToBucketObject(await storage.GetObjectAsync(bucket, name, new GetObjectOptions { Generation = generation }, cancellationToken));
        }
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.BadRequest)
        {
            throw RefusedName(bucket, name, e);
        }
    }

    /// <summary>
    /// Whether <paramref name="generation"/> is the object's live generation: the check every handler
    /// makes before spending work on an event and after writing what it made (write, then verify).
    /// </summary>
    public async Task<bool> IsLiveAsync(string bucket, string name, long generation, CancellationToken cancellationToken) =>
        (await GetAsync(bucket, name, generation: null, cancellationToken))?.Generation == generation;

    /// <summary>The content of one generation, or null if that generation no longer exists.</summary>
    public Task<byte[]?> DownloadAsync(string bucket, string name, long generation, CancellationToken cancellationToken) =>
        DownloadAsync(bucket, name, generation, expectedSize: 0, cancellationToken);

    /// <summary>
    /// The content of one generation, or null if that generation no longer exists. With the object's
    /// <paramref name="expectedSize"/> (from its metadata) the content is read into one array of that size:
    /// a growing stream would allocate about twice a large picture's size in discarded buffers and then
    /// copy it once more, all on the large-object heap, which is only collected with generation 2.
    /// </summary>
    public async Task<byte[]?> DownloadAsync(string bucket, string name, long generation, long expectedSize, CancellationToken cancellationToken)
    {
        try
        {
            using var buffer = new MemoryStream((int)Math.Clamp(expectedSize, 0, Array.MaxLength));
            await storage.DownloadObjectAsync(bucket, name, buffer, new DownloadObjectOptions { Generation = generation }, cancellationToken);
            return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
        }
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.BadRequest)
        {
            throw RefusedName(bucket, name, e);
        }
    }

    /// <summary>
    /// Writes the object only if its live generation is still <paramref name="ifGenerationMatch"/>
    /// (0 = must not exist). Returns the new generation, or null when someone else wrote first.
    /// </summary>
    public async Task<long?> UploadAsync(string bucket, string name, byte[] content, string contentType, IDictionary<string, string> metadata, long ifGenerationMatch, CancellationToken cancellationToken)
    {
        var destination = new StorageObject { Bucket = bucket, Name = name, ContentType = contentType, Metadata = metadata };
        try
        {
            using var source = new MemoryStream(content, writable: false);
            var written = await storage.UploadObjectAsync(destination, source, new UploadObjectOptions { IfGenerationMatch = ifGenerationMatch }, cancellationToken);
            return written.Generation;
        }
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.PreconditionFailed)
        {
            return null;
        }
    }

    /// <summary>Deletes exactly that generation; false when it was already gone or replaced.</summary>
    public async Task<bool> DeleteAsync(string bucket, string name, long ifGenerationMatch, CancellationToken cancellationToken)
    {
        try
        {
            await storage.DeleteObjectAsync(bucket, name, new DeleteObjectOptions { IfGenerationMatch = ifGenerationMatch }, cancellationToken);
            return true;
        }
        catch (GoogleApiException e) when (e.HttpStatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    private static BucketObject ToBucketObject(StorageObject stored) => new(
        stored.Bucket,
        stored.Name,
        stored.Generation ?? 0,
        stored.ContentType,
        (long)(stored.Size ?? 0),
        stored.TimeCreatedDateTimeOffset,
        stored.Metadata is { } metadata ? new Dictionary<string, string>(metadata) : new Dictionary<string, string>());

    // Storage refusing a read of one named object refuses the name itself (a notification may name
    // what no bucket can hold, e.g. '..' segments): no redelivery will ever read it.
    private static PermanentEventException RefusedName(string bucket, string name, GoogleApiException e) =>
        new("invalid-name", $"Cloud Storage refuses the object name '{name}' in bucket '{bucket}': {e.Error?.Message ?? e.Message}", e);

}
