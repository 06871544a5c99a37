namespace PicADaily.Contracts.Payloads;

/// <summary>garbage-collection removed what was left of a deleted or rejected picture.</summary>
public sealed record PictureCleaned(string Bucket, string Name, long Generation, bool ThumbnailDeleted, bool DocumentDeleted) : IPictureEvent;
