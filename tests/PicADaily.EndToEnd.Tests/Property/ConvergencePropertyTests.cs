using System.Text;
using PicADaily.EndToEnd.Tests.Faults;
using PicADaily.EndToEnd.Tests.Invariant;
using PicADaily.Testing.Faults;
using PicADaily.Testing.Property;
using Xunit.Abstractions;

namespace PicADaily.EndToEnd.Tests.Property;

/// <summary>The property run's own faulted system, so its seeds see no other test's pictures or faults.</summary>
public sealed class PropertySystem : FaultedSystem;

/// <summary>
/// Randomised convergence: for each seed, a generated history of writes, overwrites and deletes is
/// played into the bucket folder while every push may be duplicated, reordered, delayed or lose its
/// ack, one service is killed after a write and before its ack, and LocalCloud is stopped and
/// started again. Once quiet, the invariant holds for every picture and nothing was dead-lettered.
/// On failure the run's event history (the operations and the faults that hit its pictures) is
/// replayed in ever smaller parts, within a time budget, and the message names the seed, the shortest
/// history that failed again and the command that replays it.
/// </summary>
public sealed class ConvergencePropertyTests(PropertySystem system, ITestOutputHelper output) : IClassFixture<PropertySystem>
{
    private static readonly PushFault[] RandomFaults = [PushFault.Duplicate, PushFault.Reorder, PushFault.LoseAck];
    private static readonly (PushFault, double)[] Odds = [(PushFault.Duplicate, 0.1), (PushFault.Reorder, 0.08), (PushFault.LoseAck, 0.1), (PushFault.Delay, 0.04)];
    private readonly HistoryPlayer player = new(system);
    private int replays;

    [Fact]
    public async Task Random_histories_under_random_delivery_faults_converge_to_the_invariant()
    {
        var settings = PropertySettings.FromEnvironment();
        if (settings.Replay is { } file)
        {
            await ReplayAsync(ReplayFile.Read(file), settings);
            return;
        }

        // dotnet test shows a passing test's output only at higher verbosity; CI prints this file after the run.
        // Written a line per seed, so a long run shows how far it got.
        var figures = Path.Combine(AppContext.BaseDirectory, "convergence-property.txt");
        await File.WriteAllTextAsync(figures, "");
        var report = new StringBuilder();
        for (var seed = settings.Seed; seed < settings.Seed + settings.Seeds; seed++)
        {
            var started = DateTime.UtcNow;
            await RunSeedAsync(seed, settings);
            var line = $"seed {seed}: {settings.Pictures} pictures converged in {(DateTime.UtcNow - started).TotalSeconds:0} s";
            report.AppendLine(line);
            await File.AppendAllTextAsync(figures, line + Environment.NewLine);
        }

        var totals = RandomFaults.ToDictionary(f => f, f => system.Proxies.Values.Sum(p => p.Counts[f]));
        var faults = $"faults injected: {system.FaultSummary()}";
        report.AppendLine(faults);
        output.WriteLine(report.ToString());
        await File.AppendAllTextAsync(figures, faults + Environment.NewLine);
        Assert.All(totals, t => Assert.True(t.Value > 0, $"no {t.Key} was injected: the run did not test it"));
        Assert.Equal(settings.Seeds, system.Proxies.Values.Sum(p => p.Counts[PushFault.KillAfterWrite]));
        Assert.Equal(settings.Seeds, system.Processes.Counts["stop localcloud"]);
    }

    private async Task RunSeedAsync(int seed, PropertySettings settings)
    {
        var history = PictureHistory.Generate(seed, settings.Pictures);
        var names = PictureNames.FirstRun(seed);
        // A stable mix of seed and service: HashCode.Combine differs from one process to the next.
        var faults = FaultedSystem.ReactingServices.Select((service, i) => PropertyFaults.Drawn(service, names, () => system.Proxies[service].ServiceDown, (seed * 31) + i, Odds)).ToDictionary(f => f.Service, StringComparer.Ordinal);
        var run = await player.PlayAsync(history, names, faults, _ => true);
        if (run.Failed)
        {
            List<PropertyStep> steps = [.. history.Select(o => new PropertyStep.Act(o)), .. run.Faults];
            await FailWithShortestHistoryAsync(seed, steps, run, settings, $"seed {seed} with {settings.Pictures} pictures");
        }
    }

    /// <summary>A saved history, played once with exactly its faults; if it fails, it is shrunk further.</summary>
    private async Task ReplayAsync(ReplayFile replay, PropertySettings settings)
    {
        var run = await PlayAsync(replay.Seed, replay.Steps);
        output.WriteLine($"replayed {replay.Steps.Count} steps of seed {replay.Seed}: {(run.Failed ? "failed" : "converged")}; faults hit: {run.Faults.Count} of {replay.Steps.OfType<PropertyStep.Fault>().Count()}");
        if (run.Failed)
        {
            await FailWithShortestHistoryAsync(replay.Seed, replay.Steps, run, settings, $"the replayed history of seed {replay.Seed}");
        }
    }

    /// <summary>Plays steps as a replay: under fresh names, with exactly their faults, judged on its own pictures.</summary>
    private async Task<PlayedRun> PlayAsync(int seed, IReadOnlyList<PropertyStep> steps)
    {
        var names = PictureNames.Replay(seed, ++replays);
        var recorded = steps.OfType<PropertyStep.Fault>().ToList();
        var faults = FaultedSystem.ReactingServices.ToDictionary(s => s, s => PropertyFaults.Replayed(s, names, () => system.Proxies[s].ServiceDown, recorded), StringComparer.Ordinal);
        var operations = steps.OfType<PropertyStep.Act>().Select(a => a.Operation).ToList();
        return await player.PlayAsync(operations, names, faults, names.Concerns);
    }

    private async Task FailWithShortestHistoryAsync(int seed, IReadOnlyList<PropertyStep> steps, PlayedRun run, PropertySettings settings, string what)
    {
        var wrong = WrongPictures(run, steps);
        var message = new StringBuilder()
            .AppendLine($"{what} did not converge (rerun: PICADAILY_PROPERTY_SEED={seed} PICADAILY_PROPERTY_PICTURES={settings.Pictures}).")
            .AppendLine(InvariantChecker.Describe(run.Problems))
            .AppendLine(string.Join(Environment.NewLine, run.DeadLettered.Select(d => "dead-lettered: " + d)))
            .AppendLine("What the deliveries of the pictures that went wrong met:")
            .AppendLine(string.Join(Environment.NewLine, run.Deliveries.Where(h => wrong.Any(n => h.Contains(run.Names.Played(n), StringComparison.Ordinal))).Select(h => "  " + h)))
            .AppendLine($"Faults injected so far: {system.FaultSummary()}");

        var shortest = await ShortestFailingAsync(seed, steps, wrong, settings.ShrinkBudget, message);
        var path = Path.Combine(AppContext.BaseDirectory, $"convergence-seed{seed}-shortest.txt");
        await File.WriteAllTextAsync(path, new ReplayFile(seed, shortest).Format($"{what}: the shortest history that failed"));
        message
            .AppendLine($"The shortest history that failed ({shortest.Count} of {steps.Count} steps; saved in {path}):")
            .AppendLine(string.Join(Environment.NewLine, shortest.Select(s => "  " + s)))
            .AppendLine($"Replay it: PICADAILY_PROPERTY_REPLAY={path} dotnet test tests/PicADaily.EndToEnd.Tests --filter FullyQualifiedName~ConvergencePropertyTests");
        Assert.Fail(message.ToString());
    }

    /// <summary>
    /// First the steps that touch the pictures that went wrong (with the process faults), the part a
    /// person would read first; if that alone fails again, it is shrunk, otherwise the whole history.
    /// Replays share one budget; a history that does not fail again on replay is reported as such.
    /// </summary>
    private async Task<IReadOnlyList<PropertyStep>> ShortestFailingAsync(int seed, IReadOnlyList<PropertyStep> steps, IReadOnlySet<string> wrong, TimeSpan budget, StringBuilder message)
    {
        if (budget <= TimeSpan.Zero)
        {
            message.AppendLine("Not shrunk (PICADAILY_PROPERTY_SHRINK_MINUTES=0).");
            return steps;
        }

        var started = DateTime.UtcNow;
        var touching = steps.Where(s => s.Picture == "-" || wrong.Contains(s.Picture)).ToList();
        IReadOnlyList<PropertyStep>? start = null;
        IReadOnlyList<PropertyStep>[] candidates = touching.Count < steps.Count ? [touching, steps] : [steps];
        foreach (var candidate in candidates)
        {
            if (DateTime.UtcNow - started < budget && await FailsAgainAsync(seed, candidate))
            {
                start = candidate;
                break;
            }
        }

        if (start is null)
        {
            message.AppendLine("The failure did not come back when its history was replayed (thread timing is not replayed) or the budget ran out: the whole history is given.");
            return steps;
        }

        var shrunk = await new HistoryShrinker<PropertyStep>(h => FailsAgainAsync(seed, h), budget - (DateTime.UtcNow - started)).ShrinkAsync(start);
        message.AppendLine(shrunk.Minimal
            ? $"Shrunk in {shrunk.Replays} more replays to a history that no longer fails without any one of its steps (1-minimal)."
            : $"Shrunk in {shrunk.Replays} more replays until the budget of {budget.TotalMinutes:0} minutes ran out (PICADAILY_PROPERTY_SHRINK_MINUTES): shorter may exist.");
        return shrunk.History;
    }

    private async Task<bool> FailsAgainAsync(int seed, IReadOnlyList<PropertyStep> steps)
    {
        var started = DateTime.UtcNow;
        var run = await PlayAsync(seed, steps);
        output.WriteLine($"replay {replays} ({steps.Count} steps, {(DateTime.UtcNow - started).TotalSeconds:0} s): {(run.Failed ? "failed again" : "converged")}");
        return run.Failed;
    }

    /// <summary>The pictures (by their names in the history) that the violations name.</summary>
    private static HashSet<string> WrongPictures(PlayedRun run, IReadOnlyList<PropertyStep> steps) =>
        steps.Select(s => s.Picture)
            .Where(n => n != "-" && run.Problems.Any(p => p.Contains($"'{run.Names.Played(n)}'", StringComparison.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);
}
