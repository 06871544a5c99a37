using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PicADaily.Pictures;
using PicADaily.Testing;

namespace PicADaily.Benchmarks.Pipeline;

/// <summary>
/// P2: a batch of 12 MP photos dropped into the pictures folder of the embedded default at once, timed
/// until every one is visible (analysed as safe and thumbnailed), against the compute floor of the same
/// photos measured in this process in the same run. Also reports the services' 429 answers and the
/// redeliveries they caused, which is how the batch is carried without overrunning the cores.
/// </summary>
internal static class BulkDropBenchmark
{
    private const string Project = "picadaily-local";
    private static readonly TimeSpan SettleInterval = TimeSpan.FromMilliseconds(500);

    public const string Reproduce = "`dotnet run -c Release --project tests/PicADaily.Benchmarks -- --p2 100`";

    public static async Task<Report.ReportFigure> RunAsync(int count, string photoFolder, IReadOnlyList<string> appHostOptions, TextWriter output)
    {
        var photos = await EnsurePhotosAsync(count, photoFolder, output);
        output.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");

        var floorCpu = await ComputeFloor.CpuTimeAsync(photos);
        var floor = floorCpu / Environment.ProcessorCount;
        output.WriteLine($"compute floor: {floorCpu.TotalSeconds:F1} s of CPU for {count} photos = {floor.TotalSeconds:F1} s on {Environment.ProcessorCount} cores");

        var data = Path.Combine(Path.GetTempPath(), "picadaily-p2", Guid.NewGuid().ToString("N"));
        try
        {
            var (wall, status, milestones, cpu) = await DropAndWaitAsync(photos, data, appHostOptions, output);
            var ratio = wall / floor;
            var lines = new List<string>
            {
                FormattableString.Invariant($"{count} distinct 4000×3000 JPEGs copied at once into the pictures folder of the embedded default (folder settle interval {SettleInterval.TotalSeconds:F1} s, included); timed until all are visible (analysed as safe and thumbnailed)"),
                FormattableString.Invariant($"compute floor: {floorCpu.TotalSeconds:F1} s of CPU for the same photos in one process (thumbnail, analysis input, the Vision stand-in's work) ÷ {Environment.ProcessorCount} cores = {floor.TotalSeconds:F1} s"),
                "visible: " + milestones,
                cpu.ToString(),
                "app host options: " + (appHostOptions.Count == 0 ? "defaults" : string.Join(' ', appHostOptions)),
                "backpressure (LocalCloud's push subscriptions of picture-events): " + status.Replace(Environment.NewLine + "  ", "; ", StringComparison.Ordinal),
            };
            output.WriteLine(FormattableString.Invariant($"P2: {count} photos visible after {wall.TotalSeconds:F1} s (settle interval {SettleInterval.TotalSeconds:F1} s included); floor {floor.TotalSeconds:F1} s; ratio {ratio:F2} (goal <= 1.15)"));
            output.WriteLine("app host options: " + (appHostOptions.Count == 0 ? "defaults" : string.Join(' ', appHostOptions)));
            output.WriteLine("backpressure: " + status);
            return new Report.ReportFigure(
                "P2",
                FormattableString.Invariant($"bulk drop: {count} photos of 12 MP into the bucket folder → all visible"),
                FormattableString.Invariant($"{wall.TotalSeconds:F1} s"),
                FormattableString.Invariant($"compute floor {floor.TotalSeconds:F1} s"),
                FormattableString.Invariant($"{ratio:F2}×"),
                "≤ 1.15×",
                ratio <= 1.15,
                "one run (the drop is long enough to average)",
                Reproduce)
            {
                Details = lines,
                WhenMissed = cpu.WhyAbove(floorCpu),
            };
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static readonly string[] Resources = ["localcloud", "image-analysis", "thumbnail", "collage", "garbage-collection", "frontend"];

    private static async Task<(TimeSpan Wall, string Status, string Milestones, DropCpu Cpu)> DropAndWaitAsync(IReadOnlyList<string> photos, string data, IReadOnlyList<string> appHostOptions, TextWriter output)
    {
        using var starting = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PicADaily_AppHost>(
            [
                $"PICADAILY_DATA={data}",
                "CollageSchedule=0 0 1 1 *",
                $"FolderSettleInterval={SettleInterval:c}",
                .. appHostOptions,
            ],
            starting.Token);
        await using var app = await builder.BuildAsync(starting.Token);
        await app.StartAsync(starting.Token);
        var folder = Path.Combine(data, "buckets", "pictures");
        foreach (var service in Resources)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service, starting.Token);
            await UntilServingAsync(app, service, starting.Token);
        }

        // The buckets exist once LocalCloud has applied the topology.
        while (!Directory.Exists(folder))
        {
            await Task.Delay(100, starting.Token);
        }

        var localCloud = app.GetEndpoint("localcloud", "http");
        await using var clients = Clients(localCloud);
        var catalog = clients.GetRequiredService<PictureCatalog>();
        using var http = new HttpClient { BaseAddress = localCloud };

        var cpuBefore = await CpuByResourceAsync(app);
        var machineBefore = Report.MachineCpu.Now();
        var ownBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.StartNew();
        foreach (var photo in photos)
        {
            File.Copy(photo, Path.Combine(folder, Path.GetFileName(photo)));
        }

        // When the first, half, nine tenths and all became visible: a long tail means waiting, not work.
        var milestones = new SortedDictionary<int, TimeSpan>();
        var deadline = TimeSpan.FromMinutes(20);
        while (true)
        {
            var visible = (await catalog.ListVisibleAsync(photos.Count + 10, null, null, default)).Pictures.Count;
            foreach (var share in new[] { 1, photos.Count / 2, photos.Count * 9 / 10, photos.Count })
            {
                if (visible >= share)
                {
                    milestones.TryAdd(share, started.Elapsed);
                }
            }

            if (visible >= photos.Count)
            {
                break;
            }

            if (started.Elapsed > deadline)
            {
                throw new TimeoutException($"only {visible} of {photos.Count} visible after {deadline}");
            }

            await Task.Delay(100);
        }

        var visibleAt = string.Join(", ", milestones.Select(m => FormattableString.Invariant($"{m.Key} after {m.Value.TotalSeconds:F1} s")));
        output.WriteLine("visible: " + visibleAt);
        var wall = started.Elapsed;
        var busy = Report.MachineCpu.Now().BusyShareSince(machineBefore);
        var own = Process.GetCurrentProcess().TotalProcessorTime - ownBefore;
        var cpuAfter = await CpuByResourceAsync(app);
        var used = Resources.ToDictionary(r => r, r => cpuAfter[r] - cpuBefore[r], StringComparer.Ordinal);
        used[DropCpu.Benchmark] = own;
        var cpu = new DropCpu(used, wall * Environment.ProcessorCount, busy);
        output.WriteLine(cpu);
        return (wall, await BackpressureAsync(http), visibleAt, cpu);
    }

    private static async Task<Dictionary<string, TimeSpan>> CpuByResourceAsync(DistributedApplication app)
    {
        var cpu = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var resource in Resources)
        {
            cpu[resource] = await Report.ServiceProcess.CpuTimeAsync(app, resource);
        }

        return cpu;
    }

    // "Healthy" means running for a resource without health checks; the timing must start with every service listening.
    private static async Task UntilServingAsync(DistributedApplication app, string service, CancellationToken cancellationToken)
    {
        using var http = app.CreateHttpClient(service, "http");
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(service == "localcloud" ? "localcloud/status" : "health", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task<string> BackpressureAsync(HttpClient localCloud)
    {
        using var status = JsonDocument.Parse(await localCloud.GetStringAsync("localcloud/status"));
        var lines = status.RootElement.GetProperty("subscriptions").EnumerateArray()
            .Where(s => s.GetProperty("name").GetString()!.Contains("picture-events", StringComparison.Ordinal))
            .Select(s => $"{s.GetProperty("name").GetString()!.Split('/')[^1]}: pushes {s.GetProperty("delivered").GetInt64()}, redelivered {s.GetProperty("redelivered").GetInt64()}, nacks {s.GetProperty("nacksByStatus").GetRawText()}, dead-lettered {s.GetProperty("deadLettered").GetInt64()}");
        return Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", lines);
    }

    private static async Task<IReadOnlyList<string>> EnsurePhotosAsync(int count, string folder, TextWriter output)
    {
        Directory.CreateDirectory(folder);
        var photos = Enumerable.Range(0, count).Select(i => Path.Combine(folder, $"P2_{i:D4}.jpg")).ToList();
        var missing = photos.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            output.WriteLine($"making {missing.Count} distinct 4000x3000 photos in {folder} (kept for later runs)");
            await Parallel.ForEachAsync(missing, async (photo, token) =>
            {
                var seed = int.Parse(Path.GetFileNameWithoutExtension(photo)[3..], CultureInfo.InvariantCulture);
                await File.WriteAllBytesAsync(photo, TestImages.PhotoJpeg(4000, 3000, seed), token);
            });
        }

        return photos;
    }

    private static ServiceProvider Clients(Uri localCloud)
    {
        var hostAndPort = $"{localCloud.Host}:{localCloud.Port}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GOOGLE_CLOUD_PROJECT"] = Project,
            ["STORAGE_EMULATOR_HOST"] = hostAndPort,
            ["FIRESTORE_EMULATOR_HOST"] = hostAndPort,
            ["PUBSUB_EMULATOR_HOST"] = hostAndPort,
            ["VISION_EMULATOR_HOST"] = hostAndPort,
        }).Build();
        return new ServiceCollection().AddPictureServices(configuration).BuildServiceProvider();
    }
}
