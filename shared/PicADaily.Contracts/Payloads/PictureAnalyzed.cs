namespace PicADaily.Contracts.Payloads;

/// <summary>image-analysis recorded the picture as safe, with its labels (highest score first) and dominant colour (#rrggbb).</summary>
public sealed record PictureAnalyzed(string Bucket, string Name, long Generation, IReadOnlyList<string> Labels, string Color) : IPictureEvent;
