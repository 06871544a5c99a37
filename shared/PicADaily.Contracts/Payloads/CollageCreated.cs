namespace PicADaily.Contracts.Payloads;

/// <summary>collage rendered <paramref name="Name"/> in <paramref name="Bucket"/> from these pictures, newest first (empty: the collage was removed).</summary>
public sealed record CollageCreated(string Bucket, string Name, long CollageGeneration, IReadOnlyList<CollagePicture> Pictures);

/// <summary>One picture of a collage.</summary>
public sealed record CollagePicture(string Name, long Generation);
