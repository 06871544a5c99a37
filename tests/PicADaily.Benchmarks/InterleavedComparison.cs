using System.Diagnostics;

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PicADaily.Benchmarks;

/// <summary>
/// P1 for a shared, noisy machine: each round runs every contender once, in turn, so that a burst of
/// load from elsewhere hits them alike; medians over the rounds, and the ratio of the medians.
/// </summary>
internal static class InterleavedComparison
{
    public static int Run(int rounds)
    {
        var benchmarks = new ThumbnailBenchmarks();
        benchmarks.Setup();
        var photo = TestPhoto.Jpeg(4000, 3000);
        (string Name, Action Work)[] contenders =
        [
            ("libvips ThumbnailBuffer 400x400 crop + JPEG q85 (reference)", () => benchmarks.LibVips()),
            ("ImageSharp ThumbnailRenderer (Rgb24, Box)", () => benchmarks.ImageSharpRenderer()),
            ("ImageSharp same path, Bicubic", () => benchmarks.ImageSharpBicubic()),
            ("ImageSharp SafeImageLoader decode only", () => benchmarks.ImageSharpDecodeOnly()),
            ("ImageSharp bare Image.Load<Rgb24> (no safety)", () => Image.Load<Rgb24>(photo).Dispose()),
        ];

        var times = contenders.Select(_ => new List<double>()).ToArray();
        var cpuTimes = contenders.Select(_ => new List<double>()).ToArray();
        using var self = Process.GetCurrentProcess();
        for (var round = -2; round < rounds; round++)
        {
            for (var i = 0; i < contenders.Length; i++)
            {
                self.Refresh();
                var cpuBefore = self.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                contenders[i].Work();
                var wall = clock.Elapsed;
                self.Refresh();
                if (round >= 0)
                {
                    times[i].Add(wall.TotalMilliseconds);
                    cpuTimes[i].Add((self.TotalProcessorTime - cpuBefore).TotalMilliseconds);
                }
            }
        }

        var reference = Median(times[0]);
        var cpuReference = Median(cpuTimes[0]);
        Console.WriteLine($"P1 interleaved, {rounds} rounds after 2 warm-up rounds, 4000x3000 JPEG ({photo.Length / 1024} KB), {Environment.ProcessorCount} cores");
        for (var i = 0; i < contenders.Length; i++)
        {
            var median = Median(times[i]);
            var cpu = Median(cpuTimes[i]);
            Console.WriteLine(
                $"  {contenders[i].Name,-62} wall median {median,7:0.0} ms (min {times[i].Min(),6:0.0}) ratio {median / reference:0.00}" +
                $" | CPU median {cpu,7:0.0} ms ratio {cpu / cpuReference:0.00}");
        }

        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
