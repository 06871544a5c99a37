namespace PicADaily.Contracts.Payloads;

/// <summary>thumbnail wrote the thumbnail of generation <paramref name="Generation"/> as object <paramref name="Name"/> of <paramref name="ThumbnailBucket"/>.</summary>
public sealed record ThumbnailCreated(string Bucket, string Name, long Generation, string ThumbnailBucket, long ThumbnailGeneration, string ContentType) : IPictureEvent;
