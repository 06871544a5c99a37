using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.Benchmarks.Thumbnail;

/// <summary>
/// How close a thumbnail is to a reference of the same size, on luma (BT.601 weights, where the eye
/// sees detail): PSNR in dB and mean SSIM over 8×8 windows every 4 pixels (the constants of Wang et
/// al. 2004). Higher is closer; identical pictures give infinite PSNR and SSIM 1.
/// </summary>
internal static class LumaQuality
{
    private const int Window = 8;
    private const int Step = 4;
    private const double C1 = 0.01 * 255 * 0.01 * 255;
    private const double C2 = 0.03 * 255 * 0.03 * 255;

    public static (double Psnr, double Ssim) Compare(double[,] reference, double[,] candidate)
    {
        var (height, width) = (reference.GetLength(0), reference.GetLength(1));
        if (candidate.GetLength(0) != height || candidate.GetLength(1) != width)
        {
            throw new ArgumentException($"sizes differ: {width}x{height} against {candidate.GetLength(1)}x{candidate.GetLength(0)}", nameof(candidate));
        }

        var squaredError = 0.0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var d = reference[y, x] - candidate[y, x];
                squaredError += d * d;
            }
        }

        var mse = squaredError / (width * height);
        var psnr = mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
        return (psnr, MeanSsim(reference, candidate, width, height));
    }

    public static double[,] LumaOf(byte[] encoded)
    {
        using var image = Image.Load<Rgb24>(encoded);
        var luma = new double[image.Height, image.Width];
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    luma[y, x] = Luma(row[x].R, row[x].G, row[x].B);
                }
            }
        });
        return luma;
    }

    /// <summary>Luma of interleaved 8-bit RGB (libvips's WriteToMemory of a 3-band uchar image).</summary>
    public static double[,] LumaOfRgb(byte[] rgb, int width, int height)
    {
        var luma = new double[height, width];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 3;
                luma[y, x] = Luma(rgb[i], rgb[i + 1], rgb[i + 2]);
            }
        }

        return luma;
    }

    private static double Luma(byte r, byte g, byte b) => (0.299 * r) + (0.587 * g) + (0.114 * b);

    private static double MeanSsim(double[,] a, double[,] b, int width, int height)
    {
        var sum = 0.0;
        var windows = 0;
        for (var top = 0; top + Window <= height; top += Step)
        {
            for (var left = 0; left + Window <= width; left += Step)
            {
                double meanA = 0, meanB = 0;
                for (var y = top; y < top + Window; y++)
                {
                    for (var x = left; x < left + Window; x++)
                    {
                        meanA += a[y, x];
                        meanB += b[y, x];
                    }
                }

                const int n = Window * Window;
                meanA /= n;
                meanB /= n;
                double varA = 0, varB = 0, covariance = 0;
                for (var y = top; y < top + Window; y++)
                {
                    for (var x = left; x < left + Window; x++)
                    {
                        var da = a[y, x] - meanA;
                        var db = b[y, x] - meanB;
                        varA += da * da;
                        varB += db * db;
                        covariance += da * db;
                    }
                }

                varA /= n - 1;
                varB /= n - 1;
                covariance /= n - 1;
                sum += ((2 * meanA * meanB) + C1) * ((2 * covariance) + C2) / (((meanA * meanA) + (meanB * meanB) + C1) * (varA + varB + C2));
                windows++;
            }
        }

        return sum / windows;
    }
}
