using PicADaily.EndToEnd.Tests.Batch;
using PicADaily.EndToEnd.Tests.Invariant;
using Xunit.Abstractions;

namespace PicADaily.EndToEnd.Tests.Faults;

/// <summary>
/// What every case on a running system ends with: a picture became visible with its thumbnail, the
/// invariant holds and nothing was dead-lettered since the case began (each case answers only for its own messages).
/// </summary>
public sealed class SystemChecks(PicADailySystem system, ITestOutputHelper output, IReadOnlyDictionary<string, long> deadLetteredBefore)
{
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>Notes the dead letters so far, for <see cref="AssertInvariantAsync"/>.</summary>
    public static async Task<SystemChecks> BeginAsync(PicADailySystem system, ITestOutputHelper output) =>
        new(system, output, (await DeliveryStatus.ReadAsync(system.LocalCloud)).ToDictionary(d => d.Subscription, d => d.DeadLettered));

    /// <returns>The generation whose document became visible.</returns>
    public async Task<long> VisibleAsync(string name)
    {
        long generation = 0;
        await Quiet.UntilAsync(
            async () => (await system.Catalog.GetAsync(name, default))?.Document is { Visible: true } document && (generation = document.Generation) > 0,
            Patience,
            $"{name} visible");
        return generation;
    }

    public async Task AssertThumbnailOfAsync(string name, long generation)
    {
        var thumbnail = await system.Storage.GetAsync("thumbnails", name, null, default);
        Assert.NotNull(thumbnail);
        Assert.Equal(generation, thumbnail.SourceGeneration);
    }

    /// <param name="faults">What was injected, written to the output with the result.</param>
    public async Task AssertInvariantAsync(string faults)
    {
        await system.UntilDeliveredAsync(Patience);
        var problems = await InvariantChecker.ViolationsAsync(system, system.Firestore);
        var deliveries = await DeliveryStatus.ReadAsync(system.LocalCloud);
        output.WriteLine($"faults injected so far: {faults}");
        Assert.True(problems.Count == 0, InvariantChecker.Describe(problems));
        Assert.All(deliveries, d => Assert.True(d.DeadLettered == deadLetteredBefore.GetValueOrDefault(d.Subscription), $"dead-lettered during this case: {d}"));
    }
}
