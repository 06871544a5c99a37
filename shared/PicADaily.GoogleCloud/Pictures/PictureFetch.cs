using StorageObject = Google.Apis.Storage.v1.Data.Object;

namespace PicADaily.GoogleCloud.Pictures;

/// <summary>The outcome of reading one picture generation for processing.</summary>
public abstract record PictureFetch
{
    /// <summary>The generation is no longer live (deleted or replaced): there is nothing to do.</summary>
    public sealed record Gone : PictureFetch;

    /// <summary>Larger than the processing limit: reading it would be the failure.</summary>
    public sealed record TooLarge(long Size, long Limit) : PictureFetch;

    /// <summary>The picture's metadata and content.</summary>
    public sealed record Read(StorageObject Metadata, byte[] Content) : PictureFetch;
}
