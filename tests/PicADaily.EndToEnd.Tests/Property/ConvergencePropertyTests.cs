using System.Text;
using PicADaily.Contracts.Storage;
using PicADaily.EndToEnd.Tests.Batch;
using PicADaily.EndToEnd.Tests.Faults;
using PicADaily.EndToEnd.Tests.Invariant;
using PicADaily.Testing;
using PicADaily.Testing.Faults;
using Xunit.Abstractions;

namespace PicADaily.EndToEnd.Tests.Property;

/// <summary>The property run's own faulted system, so its seeds see no other test's pictures or faults.</summary>
public sealed class PropertySystem : FaultedSystem;

/// <summary>
/// Randomised convergence: for each seed, a generated history of writes, overwrites and deletes is
/// played into the bucket folder while every push may be duplicated, reordered, delayed or lose its
/// ack, one service is killed after a write and before its ack, and LocalCloud is stopped and
/// started again. Once quiet, the invariant holds for every picture and nothing was dead-lettered.
/// On failure the message names the seed (rerun with <c>PICADAILY_PROPERTY_SEED</c>) and the part
/// of the history that touches the pictures that went wrong.
/// </summary>
public sealed class ConvergencePropertyTests(PropertySystem system, ITestOutputHelper output) : IClassFixture<PropertySystem>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly PushFault[] RandomFaults = [PushFault.Duplicate, PushFault.Reorder, PushFault.LoseAck];

    [Fact]
    public async Task Random_histories_under_random_delivery_faults_converge_to_the_invariant()
    {
        var settings = PropertySettings.FromEnvironment();
        var report = new StringBuilder();
        for (var seed = settings.Seed; seed < settings.Seed + settings.Seeds; seed++)
        {
            var started = DateTime.UtcNow;
            await RunSeedAsync(seed, settings.Pictures);
            report.AppendLine($"seed {seed}: {settings.Pictures} pictures converged in {(DateTime.UtcNow - started).TotalSeconds:0} s");
        }

        var totals = RandomFaults.ToDictionary(f => f, f => system.Proxies.Values.Sum(p => p.Counts[f]));
        report.AppendLine($"faults injected: {system.FaultSummary()}");
        output.WriteLine(report.ToString());
        // dotnet test shows a passing test's output only at higher verbosity; CI prints this file after the run.
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "convergence-property.txt"), report.ToString());
        Assert.All(totals, t => Assert.True(t.Value > 0, $"no {t.Key} was injected: the run did not test it"));
        Assert.Equal(settings.Seeds, system.Proxies.Values.Sum(p => p.Counts[PushFault.KillAfterWrite]));
        Assert.Equal(settings.Seeds, system.Processes.Counts["stop localcloud"]);
    }

    private async Task RunSeedAsync(int seed, int pictures)
    {
        var history = PictureHistory.Generate(seed, pictures);
        var deadLetteredBefore = (await DeliveryStatus.ReadAsync(system.LocalCloud)).ToDictionary(d => d.Subscription, d => d.DeadLettered);
        var prefix = $"s{seed}-";
        var index = 0;
        foreach (var proxy in system.Proxies.Values)
        {
            proxy.Plan = FaultPlan.Random(HashCode.Combine(seed, index++), (PushFault.Duplicate, 0.1), (PushFault.Reorder, 0.08), (PushFault.LoseAck, 0.1), (PushFault.Delay, 0.04));
        }

        Task restarted = Task.CompletedTask;
        var downNext = false;
        foreach (var operation in history)
        {
            switch (operation)
            {
                case PictureOperation.Write write:
                    await system.DropAsync(write.Name, TestImages.PhotoJpeg(320, 240, write.ContentSeed));
                    break;
                case PictureOperation.Delete delete:
                    File.Delete(Path.Combine(system.PicturesFolder, delete.Name));
                    break;
                case PictureOperation.KillAfterWrite kill:
                    var victim = system.Proxies[kill.Service];
                    var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    victim.KillService = async () =>
                    {
                        await system.Processes.KillAsync(kill.Service);
                        restarted = system.Processes.StartAsync(kill.Service);
                        killed.TrySetResult();
                    };
                    victim.Plan.Once(d => d.Storage is { Kind: StorageEventKind.Finalized } s && s.Name.StartsWith(prefix, StringComparison.Ordinal), PushFault.KillAfterWrite);
                    restarted = killed.Task;
                    break;
                case PictureOperation.RestartLocalCloud:
                    await restarted.WaitAsync(Patience); // one fault at a time on the process level: the killed service is back
                    await restarted;
                    await system.Processes.StopAsync("localcloud");
                    downNext = true;
                    continue;
            }

            if (downNext)
            {
                await system.Processes.StartAsync("localcloud");
                downNext = false;
            }
        }

        if (downNext)
        {
            await system.Processes.StartAsync("localcloud");
        }

        await restarted.WaitAsync(Patience);
        await restarted;
        await AssertConvergedAsync(seed, pictures, history, deadLetteredBefore);
    }

    private async Task AssertConvergedAsync(int seed, int pictures, IReadOnlyList<PictureOperation> history, IReadOnlyDictionary<string, long> deadLetteredBefore)
    {
        IReadOnlyList<string> problems = [];
        try
        {
            // The last writes may still be settling in the folder: quiet means no backlog and the invariant holds.
            await Quiet.UntilAsync(
                async () =>
                {
                    await system.UntilDeliveredAsync(Patience);
                    problems = await InvariantChecker.ViolationsAsync(system, system.Firestore);
                    return problems.Count == 0;
                },
                Patience,
                "the invariant holds");
        }
        catch (TimeoutException)
        {
            // Reported below with the history that led there.
        }

        var deadLettered = (await DeliveryStatus.ReadAsync(system.LocalCloud)).Where(d => d.DeadLettered > deadLetteredBefore.GetValueOrDefault(d.Subscription)).ToList();
        if (problems.Count == 0 && deadLettered.Count == 0)
        {
            return;
        }

        var wrong = problems.SelectMany(p => history.Select(o => o.Name).Where(n => n != "-" && p.Contains($"'{n}'", StringComparison.Ordinal))).ToHashSet(StringComparer.Ordinal);
        var message = new StringBuilder()
            .AppendLine($"Seed {seed} with {pictures} pictures did not converge (rerun: PICADAILY_PROPERTY_SEED={seed} PICADAILY_PROPERTY_PICTURES={pictures}).")
            .AppendLine(InvariantChecker.Describe(problems))
            .AppendLine(string.Join(Environment.NewLine, deadLettered.Select(d => "dead-lettered: " + d)))
            .AppendLine("The history touching the pictures that went wrong:")
            .AppendLine(string.Join(Environment.NewLine, PictureHistory.Touching(history, wrong).Select(o => "  " + o)))
            .AppendLine("What their deliveries met:")
            .AppendLine(string.Join(Environment.NewLine, system.Proxies.Values.SelectMany(p => p.History).Where(h => wrong.Any(n => h.Contains(n, StringComparison.Ordinal))).Select(h => "  " + h)))
            .AppendLine($"Faults injected: {system.FaultSummary()}")
            .AppendLine("The whole history:")
            .AppendLine(string.Join(Environment.NewLine, history.Select(o => "  " + o)));
        Assert.Fail(message.ToString());
    }
}
