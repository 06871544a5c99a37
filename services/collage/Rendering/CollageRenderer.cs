using PicADaily.Imaging;

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace PicADaily.Collage.Rendering;

/// <summary>
/// Makes <c>collage.png</c>: an 800×800 PNG grid of up to four pictures, each cover-cropped into a
/// 400×400 cell, newest top-left, then top-right, bottom-left, bottom-right; cells without a picture
/// stay a neutral grey.
/// </summary>
public sealed class CollageRenderer(SafeImageLoader loader)
{
    public const int Cell = 400;
    public const int Side = 2 * Cell;
    public const int MaxPictures = 4;

    public static readonly Rgba32 EmptyCell = new(238, 238, 238);

    /// <param name="newestFirst">One to four encoded pictures, newest first.</param>
    /// <exception cref="ImageRejectedException">One of the pictures cannot be read; its reason says why.</exception>
    public async Task<EncodedPicture> RenderAsync(IReadOnlyList<ReadOnlyMemory<byte>> newestFirst, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        if (newestFirst.Count is 0 or > MaxPictures)
        {
            throw new ArgumentOutOfRangeException(nameof(newestFirst), newestFirst.Count, $"a collage holds 1 to {MaxPictures} pictures");
        }

        using var canvas = new Image<Rgba32>(Side, Side, EmptyCell);

        // One picture in memory at a time: the collage never needs more than a cell's worth at once.
        for (var i = 0; i < newestFirst.Count; i++)
        {
            using var picture = await loader.LoadAsync(newestFirst[i], ct);
            picture.Mutate(x => x.Resize(new ResizeOptions
            {
                Size = new Size(Cell, Cell),
                Mode = ResizeMode.Crop,
                Position = AnchorPositionMode.Center,
            }));
            var corner = new Point(i % 2 * Cell, i / 2 * Cell);
            canvas.Mutate(x => x.DrawImage(picture, corner, 1f));
        }

        ct.ThrowIfCancellationRequested();
        return PictureEncoder.Encode(canvas, PictureFormat.Png);
    }
}
