namespace PicADaily.Contracts.Payloads;

/// <summary>image-analysis found the picture unsafe; it is recorded but never shown. <paramref name="Reason"/> names the categories, e.g. "adult: LIKELY".</summary>
public sealed record PictureRejected(string Bucket, string Name, long Generation, string Reason) : IPictureEvent;
