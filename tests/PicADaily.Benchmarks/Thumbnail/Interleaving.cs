using System.Diagnostics;

namespace PicADaily.Benchmarks.Thumbnail;

/// <summary>Wall and CPU milliseconds of one contender, one value per measured round.</summary>
internal sealed record ContenderTimes(string Name, List<double> Wall, List<double> Cpu);

/// <summary>
/// Measurement for a shared, noisy machine: each round runs every contender once, in turn, so that a
/// burst of load from elsewhere hits them alike; the first rounds warm up (JIT, caches) and are not kept.
/// </summary>
internal static class Interleaving
{
    public static ContenderTimes[] Run(IReadOnlyList<(string Name, Action Work)> contenders, int rounds, int warmUpRounds = 2)
    {
        var results = contenders.Select(c => new ContenderTimes(c.Name, [], [])).ToArray();
        using var self = Process.GetCurrentProcess();
        for (var round = -warmUpRounds; round < rounds; round++)
        {
            for (var i = 0; i < contenders.Count; i++)
            {
                self.Refresh();
                var cpuBefore = self.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                contenders[i].Work();
                var wall = clock.Elapsed;
                self.Refresh();
                if (round >= 0)
                {
                    results[i].Wall.Add(wall.TotalMilliseconds);
                    results[i].Cpu.Add((self.TotalProcessorTime - cpuBefore).TotalMilliseconds);
                }
            }
        }

        return results;
    }
}
