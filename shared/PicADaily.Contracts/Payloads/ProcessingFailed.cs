namespace PicADaily.Contracts.Payloads;

/// <summary>
/// A service gave up on a picture for a reason retrying cannot fix (corrupt, unsupported, too large).
/// <paramref name="Reason"/> is for people; <paramref name="ReasonCode"/> is stable for programs.
/// </summary>
public sealed record ProcessingFailed(string Bucket, string Name, long Generation, string Service, string ReasonCode, string Reason) : IPictureEvent;
