namespace PicADaily.LocalCloud.Storage.State;

/// <summary>Reads the live generation of an object; used by LocalCloud's Vision for <c>gs://</c> image URIs.</summary>
public interface IObjectReader
{
    /// <returns>The content stream, or null when the bucket or object does not exist.</returns>
    Task<Stream?> OpenReadAsync(string bucket, string objectName, CancellationToken cancellationToken);
}
