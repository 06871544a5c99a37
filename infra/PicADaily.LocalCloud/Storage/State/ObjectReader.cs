namespace PicADaily.LocalCloud.Storage.State;

/// <summary>Opens the file of an indexed object; the stream keeps the content it opened even if the object is replaced meanwhile.</summary>
public sealed class ObjectReader(StoragePaths paths, StorageIndex index) : IObjectReader
{
    public Task<Stream?> OpenReadAsync(string bucket, string objectName, CancellationToken cancellationToken)
    {
        if (!BucketName.IsValid(bucket) || ObjectName.Problem(objectName) is not null)
        {
            return Task.FromResult<Stream?>(null);
        }

        using (var session = index.Open())
        {
            if (session.GetObject(bucket, objectName) is null)
            {
                return Task.FromResult<Stream?>(null);
            }
        }

        try
        {
            return Task.FromResult<Stream?>(OpenFile(paths.ObjectFile(bucket, objectName)));
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
        catch (DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    /// <exception cref="FileNotFoundException">No file, or a symbolic link (never followed: it could point outside the bucket).</exception>
    internal static FileStream OpenFile(string path)
    {
        if (new FileInfo(path).LinkTarget is not null)
        {
            throw new FileNotFoundException("Symbolic links in bucket folders are not objects.", path);
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, useAsync: true);
    }
}
