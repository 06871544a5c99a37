using System.Diagnostics;
using System.Globalization;

namespace PicADaily.Benchmarks.Cost;

/// <summary>
/// The original thumbnail service's work on one photo: ImageMagick's <c>convert</c>, as node-imagemagick's
/// crop runs it (resize to cover, centre crop, no size hint), timed as a process by <c>/usr/bin/time</c>.
/// </summary>
internal static class OriginalThumbnail
{
    /// <summary>Median user+system CPU seconds, or null when ImageMagick or /usr/bin/time is missing.</summary>
    public static async Task<double?> CpuSecondsAsync(byte[] photo, int runs)
    {
        var folder = Directory.CreateTempSubdirectory("picadaily-p7-");
        try
        {
            var source = Path.Combine(folder.FullName, "photo.jpg");
            await File.WriteAllBytesAsync(source, photo);
            var seconds = new List<double>();
            for (var run = 0; run < runs + 1; run++)
            {
                var start = new ProcessStartInfo("/usr/bin/time")
                {
                    ArgumentList = { "-f", "%U %S", "convert", source, "-resize", "400x400^", "-gravity", "Center", "-crop", "400x400+0+0", "+repage", Path.Combine(folder.FullName, "thumbnail.jpg") },
                    RedirectStandardError = true,
                };
                using var process = Process.Start(start)!;
                var timing = await process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                if (process.ExitCode != 0)
                {
                    return null;
                }

                var parts = timing.Trim().Split('\n')[^1].Split(' ');
                if (run > 0)
                {
                    seconds.Add(double.Parse(parts[0], CultureInfo.InvariantCulture) + double.Parse(parts[1], CultureInfo.InvariantCulture));
                }
            }

            return Report.Statistics.Median(seconds);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
