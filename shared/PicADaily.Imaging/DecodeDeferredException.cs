namespace PicADaily.Imaging;

/// <summary>
/// A decode stopped because the machine was too busy to finish it within the wall-clock ceiling, while it
/// had used less CPU than the picture is allowed: nothing is known to be wrong with the picture, so the
/// work must be retried later. Deliberately not an <see cref="ImageRejectedException"/>.
/// </summary>
public sealed class DecodeDeferredException(string message) : Exception(message);
