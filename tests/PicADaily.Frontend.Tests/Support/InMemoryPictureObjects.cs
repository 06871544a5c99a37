using System.Collections.Concurrent;
using PicADaily.Frontend.Storage;

namespace PicADaily.Frontend.Tests.Support;

/// <summary>Buckets in memory, with generations that grow like Cloud Storage's.</summary>
public sealed class InMemoryPictureObjects : IPictureObjects
{
    private readonly ConcurrentDictionary<(string Bucket, string Name), StoredObjectContent> objects = new();
    private long nextGeneration = 1_700_000_000_000_000;

    public IReadOnlyList<StoredObjectContent> In(string bucket) =>
        objects.Where(o => o.Key.Bucket == bucket).Select(o => o.Value).ToList();

    public StoredObjectContent Put(string bucket, string name, byte[] content, string? contentType = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var info = new StoredObjectInfo(name, Interlocked.Increment(ref nextGeneration), contentType, content.Length, DateTimeOffset.UtcNow, metadata ?? new Dictionary<string, string>());
        var stored = new StoredObjectContent(info, content);
        objects[(bucket, name)] = stored;
        return stored;
    }

    public Task<StoredObjectInfo?> GetAsync(string bucket, string name, CancellationToken cancellationToken) =>
        Task.FromResult(objects.TryGetValue((bucket, name), out var stored) ? stored.Info : null);

    public Task<StoredObjectContent?> DownloadAsync(string bucket, string name, CancellationToken cancellationToken) =>
        Task.FromResult(objects.TryGetValue((bucket, name), out var stored) ? stored : null);

    public Task<long?> CreateAsync(string bucket, string name, byte[] content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        if (objects.ContainsKey((bucket, name)))
        {
            return Task.FromResult<long?>(null);
        }

        return Task.FromResult<long?>(Put(bucket, name, content, contentType, new Dictionary<string, string>(metadata)).Info.Generation);
    }

    public Task<bool> DeleteAsync(string bucket, string name, long generation, CancellationToken cancellationToken) =>
        Task.FromResult(objects.TryGetValue((bucket, name), out var stored) && stored.Info.Generation == generation && objects.TryRemove(new KeyValuePair<(string, string), StoredObjectContent>((bucket, name), stored)));
}
