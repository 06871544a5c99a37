using PicADaily.GoogleCloud.Pictures;
using StorageObject = Google.Apis.Storage.v1.Data.Object;

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
        for (var attempt = 0; attempt < DownloadAttempts; attempt++)
        {
            var info = await GetAsync(bucket, name, cancellationToken);
            if (info is null)
            {
                return null;
            }

            if (await storage.DownloadAsync(bucket, name, info.Generation, cancellationToken) is { } content)
            {
                return new StoredObjectContent(info, content);
            }
        }

        return null;
    }

    public Task<long?> CreateAsync(string bucket, string name, byte[] content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        storage.UploadAsync(bucket, name, content, contentType, new Dictionary<string, string>(metadata), ifGenerationMatch: 0, cancellationToken);

    public Task<bool> DeleteAsync(string bucket, string name, long generation, CancellationToken cancellationToken) =>
        storage.DeleteAsync(bucket, name, generation, cancellationToken);

    private static StoredObjectInfo ToInfo(StorageObject stored) => new(
        stored.Name,
        stored.Generation ?? 0,
        stored.ContentType,
        (long)(stored.Size ?? 0),
        stored.TimeCreatedDateTimeOffset,
        stored.Metadata is { } metadata ? new Dictionary<string, string>(metadata) : new Dictionary<string, string>());
}
