using PicADaily.Contracts.Payloads;
using PicADaily.Contracts.Storage;
using PicADaily.EndToEnd.Tests.Invariant;
using PicADaily.Testing;
using Xunit.Abstractions;

namespace PicADaily.EndToEnd.Tests.Batch;

/// <summary>
/// A camera folder at once: two dozen distinct photos copied into the bucket folder together, by the
/// tools people use, into services that can take only a couple at a time. Every picture must come out
/// visible, as exactly one generation, with no failure, and the services' 429s must be what carried the
/// load (counted, so the test proves backpressure rather than a fast machine).
/// </summary>
public sealed class BatchDropTests(BatchSystem system, ITestOutputHelper output) : IClassFixture<BatchSystem>
{
    private const int Pictures = 25;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);
    private static readonly string[] ImageServices = ["image-analysis", "thumbnail"];

    [Fact]
    public async Task A_folder_of_photos_copied_at_once_becomes_visible_one_generation_each_through_backpressure()
    {
        var storageEvents = await ActivityLog.SubscribeAsync(system.PubSub, PicADailySystem.Project, "picture-events");
        var copies = await StagePhotosAsync();

        await Task.WhenAll(copies
            .GroupBy(c => c.Tool)
            .Select(group => Task.Run(async () =>
            {
                foreach (var (tool, source) in group)
                {
                    await FolderCopy.CopyAsync(tool, source, system.PicturesFolder);
                }
            })));

        var names = copies.Select(c => Path.GetFileName(c.Source)).ToHashSet(StringComparer.Ordinal);
        await Quiet.UntilAsync(
            async () =>
            {
                foreach (var name in names)
                {
                    if ((await system.Catalog.GetAsync(name, default))?.Document.Visible != true)
                    {
                        return false;
                    }
                }

                return true;
            },
            Patience,
            $"all {Pictures} pictures visible");
        await Quiet.UntilNoDeliveryPendingAsync(system.LocalCloud, Patience);

        var deliveries = (await DeliveryStatus.ReadAsync(system.LocalCloud)).Where(d => ImageServices.Any(s => d.Subscription.StartsWith(s, StringComparison.Ordinal))).ToList();
        foreach (var delivery in deliveries)
        {
            output.WriteLine(delivery.ToString());
        }

        // dotnet test shows a passing test's output only at higher verbosity; CI prints this file after the run.
        await File.WriteAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "batch-backpressure.txt"), deliveries.Select(d => d.ToString()));

        await storageEvents.CatchUpAsync();
        await system.Activity.CatchUpAsync();
        var finalized = storageEvents.StorageEvents.Where(e => e.Kind == StorageEventKind.Finalized).ToList();
        Assert.All(names, name => Assert.Single(finalized, e => e.Name == name));
        Assert.All(finalized, e => Assert.Contains(e.Name, names));
        Assert.Empty(system.Activity.All<ProcessingFailed>().Where(e => names.Contains(e.Data.Name)).Select(e => $"{e.Data.Name}: {e.Data.Service} {e.Data.ReasonCode} {e.Data.Reason}"));
        Assert.All(deliveries, d => Assert.Equal(0, d.DeadLettered));
        Assert.True(deliveries.Sum(d => d.Busy) > 0, "no service ever answered 429: the batch did not exercise backpressure");
        Assert.True(deliveries.Sum(d => d.Redelivered) > 0, "nothing was redelivered after a 429");

        var problems = await InvariantChecker.ViolationsAsync(system, system.Firestore);
        Assert.True(problems.Count == 0, InvariantChecker.Describe(problems));
    }

    /// <summary>Distinct photos of 3 MP in a folder outside the bucket, each assigned one way of copying.</summary>
    private async Task<List<(FolderCopy.Tool Tool, string Source)>> StagePhotosAsync()
    {
        var staging = Directory.CreateDirectory(Path.Combine(system.DataPath, "camera")).FullName;
        var tools = Enum.GetValues<FolderCopy.Tool>();
        var copies = new List<(FolderCopy.Tool, string)>();
        for (var i = 0; i < Pictures; i++)
        {
            var source = Path.Combine(staging, $"IMG_{1000 + i}.jpg");
            await File.WriteAllBytesAsync(source, TestImages.PhotoJpeg(2000, 1500, seed: i));
            File.SetLastWriteTimeUtc(source, DateTime.UtcNow.AddDays(-30));
            copies.Add((tools[i % tools.Length], source));
        }

        return copies;
    }
}
