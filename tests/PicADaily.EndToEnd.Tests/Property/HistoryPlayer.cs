using PicADaily.EndToEnd.Tests.Batch;
using PicADaily.EndToEnd.Tests.Invariant;
using PicADaily.Testing;
using PicADaily.Testing.Faults;

namespace PicADaily.EndToEnd.Tests.Property;

/// <summary>
/// Plays a history into the running system (writes and deletes in the bucket folder, the service kill
/// and the LocalCloud restart at their places) while the push proxies inject the faults of the run, then
/// waits until the system is quiet and judges it: the invariant for the run's pictures, and nothing
/// dead-lettered meanwhile.
/// </summary>
public sealed class HistoryPlayer(PropertySystem system)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <param name="names">How the history's pictures are named in the bucket for this run.</param>
    /// <param name="faults">The fault decisions, one per reacting service.</param>
    /// <param name="concerns">Which invariant violations count for this run.</param>
    public async Task<PlayedRun> PlayAsync(IReadOnlyList<PictureOperation> operations, PictureNames names, IReadOnlyDictionary<string, PropertyFaults> faults, Func<string, bool> concerns)
    {
        var deadLetteredBefore = (await DeliveryStatus.ReadAsync(system.LocalCloud)).ToDictionary(d => d.Subscription, d => d.DeadLettered);
        foreach (var (service, proxy) in system.Proxies)
        {
            proxy.Plan = faults[service].Plan();
        }

        var kill = new PendingKill(system, faults);
        var downNext = false;
        for (var i = 0; i < operations.Count; i++)
        {
            switch (operations[i])
            {
                case PictureOperation.Write write:
                    await system.DropAsync(names.Played(write.Name), TestImages.PhotoJpeg(320, 240, write.ContentSeed));
                    break;
                case PictureOperation.Delete delete:
                    File.Delete(Path.Combine(system.PicturesFolder, names.Played(delete.Name)));
                    break;
                case PictureOperation.KillAfterWrite killAfterWrite:
                    kill.Arm(killAfterWrite.Service);
                    break;
                case PictureOperation.RestartLocalCloud:
                    // One fault at a time on the process level: the killed service is back first.
                    await kill.SettledAsync(WriteFollows(operations, i), Patience);
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

        await kill.SettledAsync(WriteFollows(operations, operations.Count), Patience);
        return await JudgeAsync(names, faults, concerns, deadLetteredBefore) with { KillFired = kill.Fired };
    }

    /// <summary>Whether a write comes after the kill was armed: without one the kill can never fire.</summary>
    private static bool WriteFollows(IReadOnlyList<PictureOperation> operations, int position) =>
        operations.Take(position).Reverse().TakeWhile(o => o is not PictureOperation.KillAfterWrite).Any(o => o is PictureOperation.Write);

    private async Task<PlayedRun> JudgeAsync(PictureNames names, IReadOnlyDictionary<string, PropertyFaults> faults, Func<string, bool> concerns, Dictionary<string, long> deadLetteredBefore)
    {
        IReadOnlyList<string> problems = [];
        try
        {
            // The last writes may still be settling in the folder: quiet means no backlog and the invariant holds.
            await Quiet.UntilAsync(
                async () =>
                {
                    await system.UntilDeliveredAsync(Patience);
                    problems = (await InvariantChecker.ViolationsAsync(system, system.Firestore)).Where(concerns).ToList();
                    return problems.Count == 0;
                },
                Patience,
                "the invariant holds");
        }
        catch (TimeoutException)
        {
            // Reported with the history that led there.
        }

        var deadLettered = (await DeliveryStatus.ReadAsync(system.LocalCloud))
            .Where(d => d.DeadLettered > deadLetteredBefore.GetValueOrDefault(d.Subscription))
            .Select(d => d.ToString())
            .ToList();
        var deliveries = system.Proxies.Values.SelectMany(p => p.History).Where(h => h.Contains(names.PlayedPrefix, StringComparison.Ordinal)).ToList();
        return new PlayedRun(names, problems, deadLettered, [.. faults.Values.SelectMany(f => f.Injected)], deliveries);
    }

    /// <summary>The service kill of a history: armed at its place, fired by the next FINALIZE the victim receives.</summary>
    private sealed class PendingKill(PropertySystem system, IReadOnlyDictionary<string, PropertyFaults> faults)
    {
        private TaskCompletionSource? killed;
        private PropertyFaults? victim;
        private Task restarted = Task.CompletedTask;

        public bool Fired { get; private set; }

        public void Arm(string service)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            system.Proxies[service].KillService = async () =>
            {
                await system.Processes.KillAsync(service);
                restarted = system.Processes.StartAsync(service);
                done.TrySetResult();
            };
            (killed, victim) = (done, faults[service]);
            victim.ArmKill();
        }

        /// <summary>
        /// Waits until the kill has happened and the service is back. A replayed sub-history may have no
        /// write left after the kill, or its writes may all be deleted before they were noticed: then the
        /// kill is called off instead of waited for.
        /// </summary>
        public async Task SettledAsync(bool writeFollows, TimeSpan patience)
        {
            if (killed is null || victim is null)
            {
                return;
            }

            if (writeFollows)
            {
                try
                {
                    await killed.Task.WaitAsync(patience);
                }
                catch (TimeoutException)
                {
                    // Called off below, unless it fires at this very moment.
                }
            }

            if (!victim.TryDisarmKill())
            {
                await killed.Task.WaitAsync(patience);
                await restarted.WaitAsync(patience);
                Fired = true;
            }

            (killed, victim) = (null, null);
        }
    }
}

/// <summary>What one run of a history came to: the invariant violations and dead letters that count for it, the faults it injected and what its deliveries met.</summary>
public sealed record PlayedRun(PictureNames Names, IReadOnlyList<string> Problems, IReadOnlyList<string> DeadLettered, IReadOnlyList<PropertyStep.Fault> Faults, IReadOnlyList<string> Deliveries)
{
    public bool KillFired { get; init; }

    public bool Failed => Problems.Count > 0 || DeadLettered.Count > 0;
}
