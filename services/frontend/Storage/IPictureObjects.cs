namespace PicADaily.Frontend.Storage;

/// <summary>
/// The object operations the frontend needs: read what a bucket holds, add a new picture, delete one.
/// Kept this small so tests can stand in for Cloud Storage.
/// </summary>
public interface IPictureObjects
{
    /// <summary>The live object's facts, or null when there is none.</summary>
    Task<StoredObjectInfo?> GetAsync(string bucket, string name, CancellationToken cancellationToken);

    /// <summary>The live object with its content, or null when there is none.</summary>
    Task<StoredObjectContent?> DownloadAsync(string bucket, string name, CancellationToken cancellationToken);

    /// <summary>Creates the object only if the name is free; returns its generation, or null when the name was taken.</summary>
    Task<long?> CreateAsync(string bucket, string name, byte[] content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);

    /// <summary>Deletes exactly this generation; false when it is no longer the live one (or there is none).</summary>
    Task<bool> DeleteAsync(string bucket, string name, long generation, CancellationToken cancellationToken);
}

/// <summary>What the frontend shows about a stored object.</summary>
public sealed record StoredObjectInfo(string Name, long Generation, string? ContentType, long Size, DateTimeOffset? Created, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The person's own file name, kept as custom metadata at upload.</summary>
    public string? OriginalName => Metadata.TryGetValue(ObjectMetadataKeys.OriginalName, out var value) ? value : null;

    /// <summary>The hash of the delete capability handed to the uploader; null for objects not uploaded through the frontend.</summary>
    public string? DeleteTokenSha256 => Metadata.TryGetValue(ObjectMetadataKeys.DeleteTokenSha256, out var value) ? value : null;
}

/// <summary>A stored object's facts and bytes.</summary>
public sealed record StoredObjectContent(StoredObjectInfo Info, byte[] Content);

/// <summary>Custom metadata keys the frontend writes on uploaded pictures.</summary>
public static class ObjectMetadataKeys
{
    /// <summary>The file name as the person's browser sent it (cleaned of control characters, bounded).</summary>
    public const string OriginalName = "originalName";

    /// <summary>SHA-256 (lower-case hex) of the picture's delete capability; the capability itself is never stored.</summary>
    public const string DeleteTokenSha256 = "deleteTokenSha256";

    /// <summary>The uploader's identity when one was known (IAP, or the development identity); never shown on pages.</summary>
    public const string UploadedBy = "uploadedBy";
}
