using System.Collections.Concurrent;
using System.Net;
using Google;
using Google.Apis.Download;
using Google.Apis.Upload;
using Google.Cloud.Storage.V1;
using StorageObject = Google.Apis.Storage.v1.Data.Object;

namespace PicADaily.Testing;

/// <summary>
/// Cloud Storage in memory, for the calls the services make: get and download by generation,
/// conditional upload (ifGenerationMatch, 0 = must not exist) and conditional delete, with 404 and
/// 412 raised as the real client raises them. Buckets are not versioned: only the live generation exists.
/// </summary>
public sealed class InMemoryStorageClient : StorageClient
{
    private readonly ConcurrentDictionary<(string Bucket, string Name), (StorageObject Metadata, byte[] Content)> live = new();
    private long nextGeneration = 1_700_000_000_000_000;

    /// <summary>Runs before every upload (e.g. to simulate a concurrent change).</summary>
    public Func<StorageObject, Task>? BeforeUpload { get; set; }

    /// <summary>Runs before every delete (e.g. to simulate a concurrent change after the caller's read).</summary>
    public Func<string, Task>? BeforeDelete { get; set; }

    /// <summary>When set, every call fails with this (e.g. a 503) to simulate an outage.</summary>
    public Exception? Outage { get; set; }

    /// <summary>Test setup: writes an object unconditionally and returns its new generation.</summary>
    public long Put(string bucket, string name, byte[] content, string contentType = "image/jpeg", IDictionary<string, string>? metadata = null)
    {
        var generation = Interlocked.Increment(ref nextGeneration);
        var now = DateTimeOffset.UtcNow;
        var stored = new StorageObject
        {
            Bucket = bucket,
            Name = name,
            Generation = generation,
            Metageneration = 1,
            ContentType = contentType,
            Size = (ulong)content.Length,
            Metadata = metadata is null ? null : new Dictionary<string, string>(metadata),
            TimeCreatedDateTimeOffset = now,
            UpdatedDateTimeOffset = now,
        };
        live[(bucket, name)] = (stored, content);
        return generation;
    }

    /// <summary>Test setup: removes an object unconditionally.</summary>
    public bool Remove(string bucket, string name) => live.TryRemove((bucket, name), out _);

    public (StorageObject Metadata, byte[] Content)? Find(string bucket, string name) =>
        live.TryGetValue((bucket, name), out var found) ? found : null;

    public IEnumerable<string> Names(string bucket) => live.Keys.Where(k => k.Bucket == bucket).Select(k => k.Name).Order(StringComparer.Ordinal);

    public override Task<StorageObject> GetObjectAsync(string bucket, string objectName, GetObjectOptions? options = null, CancellationToken cancellationToken = default)
    {
        ThrowIfOutage();
        return Task.FromResult(Live(bucket, objectName, options?.Generation).Metadata);
    }

    private int downloads;

    /// <summary>Object contents read so far (metadata reads not counted): what a no-op must not do.</summary>
    public int Downloads => Volatile.Read(ref downloads);

    public override async Task<StorageObject> DownloadObjectAsync(string bucket, string objectName, Stream destination, DownloadObjectOptions? options = null, CancellationToken cancellationToken = default, IProgress<IDownloadProgress>? progress = null)
    {
        ThrowIfOutage();
        Interlocked.Increment(ref downloads);
        var (metadata, content) = Live(bucket, objectName, options?.Generation);
        await destination.WriteAsync(content, cancellationToken);
        return metadata;
    }

    public override async Task<StorageObject> UploadObjectAsync(StorageObject destination, Stream source, UploadObjectOptions? options = null, CancellationToken cancellationToken = default, IProgress<IUploadProgress>? progress = null)
    {
        ThrowIfOutage();
        if (BeforeUpload is { } hook)
        {
            await hook(destination);
        }

        using var buffer = new MemoryStream();
        await source.CopyToAsync(buffer, cancellationToken);
        lock (live)
        {
            var exists = live.TryGetValue((destination.Bucket, destination.Name), out var current);
            if (options?.IfGenerationMatch is { } expected && (expected == 0 ? exists : !exists || current.Metadata.Generation != expected))
            {
                throw Error(HttpStatusCode.PreconditionFailed, $"ifGenerationMatch {expected} failed for {destination.Name}");
            }

            Put(destination.Bucket, destination.Name, buffer.ToArray(), destination.ContentType ?? "application/octet-stream", destination.Metadata);
            return live[(destination.Bucket, destination.Name)].Metadata;
        }
    }

    public override async Task DeleteObjectAsync(string bucket, string objectName, DeleteObjectOptions? options = null, CancellationToken cancellationToken = default)
    {
        ThrowIfOutage();
        if (BeforeDelete is { } hook)
        {
            await hook(objectName);
        }

        lock (live)
        {
            var (metadata, _) = Live(bucket, objectName, generation: null);
            if (options?.IfGenerationMatch is { } expected && metadata.Generation != expected)
            {
                throw Error(HttpStatusCode.PreconditionFailed, $"ifGenerationMatch {expected} failed for {objectName}");
            }

            live.TryRemove((bucket, objectName), out _);
        }
    }

    private (StorageObject Metadata, byte[] Content) Live(string bucket, string name, long? generation) =>
        live.TryGetValue((bucket, name), out var found) && (generation is null || found.Metadata.Generation == generation)
            ? found
            : throw Error(HttpStatusCode.NotFound, $"No such object: {bucket}/{name}");

    private void ThrowIfOutage()
    {
        if (Outage is { } outage)
        {
            throw outage;
        }
    }

    private static GoogleApiException Error(HttpStatusCode status, string message) =>
        new("storage", message) { HttpStatusCode = status };
}
