using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.Benchmarks;

/// <summary>
/// A photo-like JPEG made in code: smooth gradients and waves with a little grain, so that its size
/// (about 1.5–3 bits a pixel) and decode cost resemble a camera picture rather than a flat colour.
/// </summary>
internal static class TestPhoto
{
    /// <param name="orientation">EXIF orientation to record (1 = upright; 6 = phone held upright).</param>
    public static byte[] Jpeg(int width, int height, ushort orientation = 1)
    {
        using var image = new Image<Rgb24>(width, height);
        var random = new Random(2026);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var grain = random.Next(-6, 7);
                    var r = 128 + (100 * Math.Sin((x / 211.0) + (y / 97.0))) + grain;
                    var g = 110 + (90 * Math.Cos((x / 157.0) - (y / 301.0))) + grain;
                    var b = 90 + (70 * Math.Sin(((x + y) / 53.0) * Math.Sin(y / 800.0))) + grain;
                    row[x] = new Rgb24(Clamp(r), Clamp(g), Clamp(b));
                }
            }
        });

        if (orientation != 1)
        {
            image.Metadata.ExifProfile = new ExifProfile();
            image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, orientation);
        }

        using var output = new MemoryStream();
        image.Save(output, new JpegEncoder { Quality = 90 });
        return output.ToArray();
    }

    private static byte Clamp(double value) => (byte)Math.Clamp(value, 0, 255);
}
