using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using PicADaily.Benchmarks.Report;
using PicADaily.Testing;

namespace PicADaily.Benchmarks.Live;

/// <summary>
/// P3 and P4 under load on one embedded default started through the app host: pictures uploaded
/// through the frontend API one at a time (time to visible in /api/pictures and on an open /api/live
/// stream, against the slower image handler's own time for that picture), a few folder drops (the
/// settle interval reported apart), then 48 MP pictures dropped at once (peak RSS of the two image
/// services, time to drain).
/// </summary>
internal static partial class LiveSystemBenchmark
{
    public const string Reproduce = "`dotnet run -c Release --project tests/PicADaily.Benchmarks -- --p3 50 8`";
    private static readonly TimeSpan SettleInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    /// <param name="latency">False measures only P4 under load (<c>--p4-load</c>), on a system that served nothing before.</param>
    public static async Task<IReadOnlyList<ReportFigure>> RunAsync(ReportSize size, TextWriter output, bool latency = true)
    {
        var data = Path.Combine(Path.GetTempPath(), "picadaily-p3", Guid.NewGuid().ToString("N"));
        try
        {
            using var starting = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PicADaily_AppHost>(
                [$"PICADAILY_DATA={data}", "CollageSchedule=0 0 1 1 *", $"FolderSettleInterval={SettleInterval:c}"], starting.Token);
            await using var app = await builder.BuildAsync(starting.Token);
            await app.StartAsync(starting.Token);
            foreach (var service in new[] { "localcloud", "image-analysis", "thumbnail", "collage", "garbage-collection", "frontend" })
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(service, starting.Token);
            }

            await using var handlerTimes = await HandlerTimes.StartAsync(app, "image-analysis", "thumbnail");
            using var frontend = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseProxy = false })
            {
                BaseAddress = app.GetEndpoint("frontend", "http"),
                Timeout = TimeSpan.FromMinutes(2),
            };
            var token = await AntiforgeryTokenAsync(frontend);
            var clock = Stopwatch.StartNew();
            await using var live = new LiveStream(frontend.BaseAddress!, clock);
            await live.Ready.WaitAsync(TimeSpan.FromMinutes(1));

            var figures = new List<ReportFigure>();
            if (latency)
            {
                figures.Add(await UploadsOneAtATimeAsync(size.LatencyUploads, frontend, token, live, handlerTimes, clock, output));
                figures.Add(await FolderDropsAsync(Math.Max(2, size.LatencyUploads / 5), Path.Combine(data, "buckets", "pictures"), frontend, handlerTimes, output));
            }

            figures.Add(await LoadAsync(app, size, Path.Combine(data, "buckets", "pictures"), frontend, latency, output));
            return figures;
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

    private static async Task<ReportFigure> UploadsOneAtATimeAsync(int count, HttpClient frontend, string token, LiveStream live, HandlerTimes handlerTimes, Stopwatch clock, TextWriter output)
    {
        var toList = new List<double>();
        var toLive = new List<double>();
        var slowerHandler = new List<double>();
        var excess = new List<double>();
        // One upload first that is not counted: the services' first picture pays for JIT compilation.
        for (var i = -1; i < count; i++)
        {
            var photo = TestImages.PhotoJpeg(4000, 3000, 3000 + i + 1);
            var (name, started) = await UploadAsync(frontend, token, $"p3-{i:D3}.jpg", photo, clock);
            var listed = await UntilListedAsync(frontend, [name], clock) - started;
            var announced = await UntilAsync(() => live.FirstNamed(name), "announced on /api/live") - started;
            var analysis = await UntilAsync(() => handlerTimes.Of("image-analysis", name), "image-analysis's log line");
            var thumbnail = await UntilAsync(() => handlerTimes.Of("thumbnail", name), "thumbnail's log line");
            var slower = Math.Max(analysis, thumbnail);
            if (i < 0)
            {
                continue;
            }

            toList.Add(listed.TotalMilliseconds);
            toLive.Add(announced.TotalMilliseconds);
            slowerHandler.Add(slower);
            excess.Add(Math.Max(listed.TotalMilliseconds, announced.TotalMilliseconds) - slower);
        }

        var p95Excess = Statistics.Percentile(excess, 95);
        var lines = new List<string>
        {
            Invariant($"{count} distinct 4000×3000 JPEGs uploaded one at a time through POST /api/pictures (the next after the previous is visible), timed from the request's start, after one uncounted warm-up upload"),
            Invariant($"visible in /api/pictures (polled every 20 ms): p50 {Statistics.Percentile(toList, 50):0} ms, p95 {Statistics.Percentile(toList, 95):0} ms, max {toList.Max():0} ms"),
            Invariant($"named on an open /api/live stream: p50 {Statistics.Percentile(toLive, 50):0} ms, p95 {Statistics.Percentile(toLive, 95):0} ms, max {toLive.Max():0} ms"),
            Invariant($"the slower image handler's own time (the event endpoint's log line, image-analysis or thumbnail): p50 {Statistics.Percentile(slowerHandler, 50):0} ms, p95 {Statistics.Percentile(slowerHandler, 95):0} ms"),
            Invariant($"latency beyond the slower handler, per picture (the later of the two signals): p50 {Statistics.Percentile(excess, 50):0} ms, p95 {p95Excess:0} ms, max {excess.Max():0} ms"),
        };
        Print(output, "P3", lines);
        return new ReportFigure(
            "P3",
            "latency: one 12 MP upload through the frontend API → visible in /api/pictures and on /api/live",
            Invariant($"p50 {Statistics.Percentile(toLive, 50):0} / p95 {Statistics.Percentile(toLive, 95):0} / max {toLive.Max():0} ms (live); p95 {Statistics.Percentile(toList, 95):0} ms (list)"),
            Invariant($"slower handler p50 {Statistics.Percentile(slowerHandler, 50):0} / p95 {Statistics.Percentile(slowerHandler, 95):0} ms"),
            Invariant($"p95 of latency − handler: {p95Excess:0} ms"),
            "p95 ≤ handler + 300 ms",
            p95Excess <= 300,
            Invariant($"excess {Statistics.Spread(excess, "0")} ms"),
            Reproduce)
        {
            Details = lines,
        };
    }

    private static async Task<ReportFigure> FolderDropsAsync(int count, string folder, HttpClient frontend, HandlerTimes handlerTimes, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var beyondSettle = new List<double>();
        var excess = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var name = $"p3-drop-{i:D3}.jpg";
            var photo = TestImages.PhotoJpeg(4000, 3000, 4000 + i);
            var started = clock.Elapsed;
            await File.WriteAllBytesAsync(Path.Combine(folder, name), photo);
            var visible = (await UntilListedAsync(frontend, [name], clock) - started).TotalMilliseconds - SettleInterval.TotalMilliseconds;
            var slower = Math.Max(await UntilAsync(() => handlerTimes.Of("image-analysis", name), "log"), await UntilAsync(() => handlerTimes.Of("thumbnail", name), "log"));
            beyondSettle.Add(visible);
            excess.Add(visible - slower);
        }

        var lines = new List<string>
        {
            Invariant($"{count} photos written into the pictures folder one at a time; the settle interval ({SettleInterval.TotalMilliseconds:0} ms, how long a file must stay unchanged before it is announced) is subtracted"),
            Invariant($"visible after the settle interval: p50 {Statistics.Percentile(beyondSettle, 50):0} ms, max {beyondSettle.Max():0} ms; beyond the slower handler: p50 {Statistics.Percentile(excess, 50):0} ms, max {excess.Max():0} ms"),
        };
        Print(output, "P3 folder", lines);
        return new ReportFigure(
            "P3 (folder drop)",
            "latency of a photo dropped into the bucket folder, settle interval apart",
            Invariant($"settle {SettleInterval.TotalMilliseconds:0} ms + p50 {Statistics.Percentile(beyondSettle, 50):0} ms"),
            "slower handler, per picture",
            Invariant($"p50 of latency − settle − handler: {Statistics.Percentile(excess, 50):0} ms"),
            "reported, no bar",
            null,
            Invariant($"{Statistics.Spread(excess, "0")} ms"),
            Reproduce)
        {
            Details = lines,
        };
    }

    private static async Task<ReportFigure> LoadAsync(DistributedApplication app, ReportSize size, string folder, HttpClient frontend, bool servedLatency, TextWriter output)
    {
        // Several uploads at once, as the folder's copy tool or many users would make them.
        var photo = TestPhoto.Jpeg(size.LoadWidth, size.LoadHeight, orientation: 6);
        var names = Enumerable.Range(0, size.LoadUploads).Select(i => $"p4-load-{i:D2}.jpg").ToList();
        var before = new Dictionary<string, double?>();
        foreach (var service in new[] { "image-analysis", "thumbnail" })
        {
            before[service] = await Report.ServiceProcess.ResidentMegabytesAsync(app, service);
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(names.Select(name => File.WriteAllBytesAsync(Path.Combine(folder, name), photo)));
        var drained = await UntilListedAsync(frontend, names, clock) - SettleInterval;
        var peaks = new Dictionary<string, double?>();
        foreach (var service in new[] { "image-analysis", "thumbnail" })
        {
            peaks[service] = await Report.ServiceProcess.PeakRssMegabytesAsync(app, service);
        }

        var megapixels = size.LoadWidth * (double)size.LoadHeight / 1e6;
        var worst = peaks.Values.Max();
        var lines = new List<string>
        {
            Invariant($"{names.Count} EXIF-rotated {size.LoadWidth}×{size.LoadHeight} JPEGs ({megapixels:0} MP, {photo.Length / 1048576.0:0.0} MB) written into the pictures folder at once, defaults (decodes bounded by DecodeConcurrency, events by MaxConcurrentEvents)"),
            Invariant($"all visible {drained.TotalSeconds:0.0} s after the settle interval"),
            "resident before the load: " + string.Join(", ", before.Select(p => p.Value is { } mb ? Invariant($"{p.Key} {mb:0} MB") : $"{p.Key} not found")),
            (servedLatency ? "peak RSS since start (VmHWM of the service's process, which also served P3 before): " : "peak RSS since start (VmHWM of the service's process, which served nothing before): ") + string.Join(", ", peaks.Select(p => p.Value is { } mb ? Invariant($"{p.Key} {mb:0} MB") : $"{p.Key} not found")),
            "the services run here without a memory limit, so RSS shows what each process kept, not only what it needed; Cloud Run's limit (GC heap limit 75 % of it) is checked by `--p4-bound` (see the README)",
        };
        Print(output, "P4 load", lines);
        return new ReportFigure(
            "P4 (under load)",
            Invariant($"peak RSS of image-analysis and thumbnail with {names.Count} {megapixels:0} MP pictures at once; time to drain"),
            string.Join(", ", peaks.Select(p => p.Value is { } mb ? Invariant($"{p.Key} {mb:0} MB") : $"{p.Key} ?")) + Invariant($"; drained in {drained.TotalSeconds:0.0} s"),
            "bar 350 MB",
            worst is { } w ? Invariant($"{w / 350:0.00} of the bar") : "–",
            "≤ 350 MB each",
            worst is { } peak ? peak <= 350 : null,
            "one run",
            Reproduce)
        {
            Details = lines,
            WhenMissed = string.Join("; ", peaks.Select(p => Invariant($"{p.Key} was resident at {before[p.Key] ?? 0:0} MB before the load and peaked at {p.Value ?? 0:0} MB")))
                + Invariant($". Each service decodes one {megapixels:0} MP picture at a time here (the decode pixel budget), and that decode alone is {megapixels * 3:0} MB of Rgb24 pixels, because ImageSharp 2.1.13 cannot decode a JPEG at a reduced size. ")
                + Invariant($"What would close it: a scaled JPEG decode (see P1): the thumbnail needs 400 px and the analysis 1,024 px, so a 1/4-scale decode of this picture would be {megapixels / 16 * 3:0} MB."),
        };
    }

    private static async Task<(string Name, TimeSpan Started)> UploadAsync(HttpClient frontend, string token, string fileName, byte[] photo, Stopwatch clock)
    {
        while (true)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "pictures", fileName);
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/pictures") { Content = form };
            request.Headers.Add("RequestVerificationToken", token);
            var started = clock.Elapsed;
            using var response = await frontend.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // The per-client upload limit: wait as told; the wait is not part of any latency.
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }

            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var result = body.RootElement.GetProperty("results")[0];
            return (result.GetProperty("name").GetString() ?? throw new InvalidOperationException("upload refused: " + result), started);
        }
    }

    private static async Task<TimeSpan> UntilListedAsync(HttpClient frontend, IReadOnlyCollection<string> names, Stopwatch clock)
    {
        var listedAt = TimeSpan.Zero;
        await Eventually.UntilAsync(
            async () =>
            {
                using var page = JsonDocument.Parse(await frontend.GetStringAsync("api/pictures?pageSize=100"));
                var listed = page.RootElement.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToHashSet(StringComparer.Ordinal);
                listedAt = clock.Elapsed;
                return names.All(listed.Contains);
            },
            Deadline,
            $"all of {string.Join(", ", names)} visible in /api/pictures");
        return listedAt;
    }

    private static async Task<T> UntilAsync<T>(Func<T?> read, string what)
        where T : struct
    {
        T seen = default;
        await Eventually.UntilAsync(
            () =>
            {
                if (read() is not { } value)
                {
                    return false;
                }

                seen = value;
                return true;
            },
            Deadline,
            $"{what} seen");
        return seen;
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient frontend)
    {
        var html = await frontend.GetStringAsync("upload");
        var match = TokenField().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("the upload page has no antiforgery token");
    }

    private static void Print(TextWriter output, string id, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            output.WriteLine($"{id} {line}");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
