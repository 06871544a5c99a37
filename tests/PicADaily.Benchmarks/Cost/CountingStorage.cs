using Google.Apis.Download;
using Google.Apis.Upload;
using Google.Cloud.Storage.V1;
using StorageObject = Google.Apis.Storage.v1.Data.Object;

namespace PicADaily.Benchmarks.Cost;

/// <summary>Counts Cloud Storage operations by billing class: A (inserts), B (gets of metadata or content); deletes are free.</summary>
internal sealed class CountingStorage(StorageClient inner) : StorageClient
{
    private long classA;
    private long classB;

    public long ClassA => Interlocked.Read(ref classA);

    public long ClassB => Interlocked.Read(ref classB);

    public override Task<StorageObject> GetObjectAsync(string bucket, string objectName, GetObjectOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref classB);
        return inner.GetObjectAsync(bucket, objectName, options, cancellationToken);
    }

    public override Task<StorageObject> DownloadObjectAsync(string bucket, string objectName, Stream destination, DownloadObjectOptions? options = null, CancellationToken cancellationToken = default, IProgress<IDownloadProgress>? progress = null)
    {
        Interlocked.Increment(ref classB);
        return inner.DownloadObjectAsync(bucket, objectName, destination, options, cancellationToken, progress);
    }

    public override Task<StorageObject> UploadObjectAsync(StorageObject destination, Stream source, UploadObjectOptions? options = null, CancellationToken cancellationToken = default, IProgress<IUploadProgress>? progress = null)
    {
        Interlocked.Increment(ref classA);
        return inner.UploadObjectAsync(destination, source, options, cancellationToken, progress);
    }

    public override Task DeleteObjectAsync(string bucket, string objectName, DeleteObjectOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.DeleteObjectAsync(bucket, objectName, options, cancellationToken);
}
