using PicADaily.Pictures;

namespace PicADaily.Frontend.Storage;

/// <summary><see cref="IPictureObjects"/> over the shared, generation-explicit <see cref="PictureStorage"/>.</summary>
public sealed class CloudStoragePictureObjects(PictureStorage storage) : IPictureObjects
{
    // A download races with overwrites and deletes; a few tries find a generation that stays put.
    private const int DownloadAttempts = 3;

    public async Task<StoredObjectInfo?> GetAsync(string bucket, string name, CancellationToken cancellationToken) =>
        await storage.GetAsync(bucket, name, generation: null, cancellationToken) is { } stored ? ToInfo(stored) : null;

    public async Task<StoredObjectContent?> DownloadAsync(string bucket, string name, CancellationToken cancellationToken)
    {
        var read = await OptimisticConcurrency.RunAsync<StoredObjectContent?>($"'{name}' in '{bucket}'", async ct =>
        {
            if (await GetAsync(bucket, name, ct) is not { } info)
            {
                return Step<StoredObjectContent?>.Continue(null);
            }

            // Null when that generation went away between the two reads: look again.
            return await storage.DownloadAsync(bucket, name, info.Generation, ct) is { } content
                ? Step<StoredObjectContent?>.Continue(new StoredObjectContent(info, content))
                : null;
        }, cancellationToken, DownloadAttempts);

        // A page or an API answer, not an event: an object that never held still is answered as absent.
        return read.Outcome is null ? read.Value : null;
    }

    public Task<long?> CreateAsync(string bucket, string name, byte[] content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        storage.UploadAsync(bucket, name, content, contentType, new Dictionary<string, string>(metadata), ifGenerationMatch: 0, cancellationToken);

    public Task<bool> DeleteAsync(string bucket, string name, long generation, CancellationToken cancellationToken) =>
        storage.DeleteAsync(bucket, name, generation, cancellationToken);

    private static StoredObjectInfo ToInfo(BucketObject stored) =>
        new(stored.Name, stored.Generation, stored.ContentType, stored.Size, stored.Created, stored.Metadata);
}
