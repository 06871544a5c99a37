using PicADaily.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;

namespace PicADaily.ImageAnalysis.Analysis;

/// <summary>
/// Reads the upload through the safe loader (a poison picture fails here, with its reason, before
/// any paid call) and shrinks it for Vision when it is large: labels and colours need no more than
/// ~1,000 pixels a side, and a small JPEG keeps the request far below Vision's 10 MB limit whatever
/// was uploaded. A picture that is already small is sent as uploaded.
/// </summary>
public sealed class VisionInputPreparer(SafeImageLoader loader)
{
    public const int MaxSide = 1024;
    public const int MaxVerbatimBytes = 4 * 1024 * 1024;

    /// <exception cref="ImageRejectedException">The upload is not a picture we accept.</exception>
    public async Task<byte[]> PrepareAsync(ReadOnlyMemory<byte> upload, CancellationToken cancellationToken)
    {
        using var image = await loader.LoadAsync(upload, cancellationToken);
        if (image.Width <= MaxSide && image.Height <= MaxSide && upload.Length <= MaxVerbatimBytes)
        {
            return upload.ToArray();
        }

        image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(MaxSide, MaxSide), Mode = ResizeMode.Max }));
        return PictureEncoder.Encode(image, PictureFormat.Jpeg).Content;
    }
}
