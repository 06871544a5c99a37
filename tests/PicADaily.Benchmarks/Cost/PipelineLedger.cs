using System.Diagnostics;
using PicADaily.Contracts.Publishing;
using PicADaily.ImageAnalysis.Analysis;
using PicADaily.Imaging;
using PicADaily.Pictures;
using PicADaily.ServiceDefaults.Events;
using PicADaily.Testing;
using PicADaily.Thumbnail.Rendering;
using AnalysisHandler = PicADaily.ImageAnalysis.PictureUploadedHandler;
using ThumbnailHandler = PicADaily.Thumbnail.PictureUploadedHandler;

namespace PicADaily.Benchmarks.Cost;

/// <summary>What one service spent on one picture: CPU seconds and billed operations.</summary>
internal sealed record ServiceUsage(double CpuSeconds, double FirestoreReads, double FirestoreWrites, double StorageClassA, double StorageClassB, double VisionRequests, double VisionUnits, double PublishedBytes, double Publishes);

/// <summary>Per picture, for new generations and for duplicate deliveries of them.</summary>
internal sealed record PipelineUsage(int Pictures, ServiceUsage Analysis, ServiceUsage Thumbnail, ServiceUsage DuplicateAnalysis, ServiceUsage DuplicateThumbnail, ServiceUsage AnalysisWithVisionColour);

/// <summary>
/// Runs the image-analysis and thumbnail handlers in this process on distinct 12 MP photos, one at a
/// time, against in-memory Storage, Firestore and Vision that count what Google would bill; then
/// delivers every event a second time (a duplicate) and counts again.
/// </summary>
internal static class PipelineLedger
{
    public static async Task<PipelineUsage> MeasureAsync(int pictures)
    {
        var photos = Enumerable.Range(0, pictures + 1).Select(seed => TestImages.PhotoJpeg(4000, 3000, 7000 + seed)).ToList();
        var loader = new SafeImageLoader(ImageLimits.Default);

        // One warm-up picture, so JIT compilation is not billed as picture work.
        await RunAsync([photos[0]], loader, ColourSource.Local);
        var local = await RunAsync(photos.Skip(1).ToList(), loader, ColourSource.Local);
        var vision = await RunAsync(photos.Skip(1).Take(1).ToList(), loader, ColourSource.Vision);
        return new PipelineUsage(pictures, local.Analysis, local.Thumbnail, local.DuplicateAnalysis, local.DuplicateThumbnail, vision.Analysis);
    }

    private static async Task<(ServiceUsage Analysis, ServiceUsage Thumbnail, ServiceUsage DuplicateAnalysis, ServiceUsage DuplicateThumbnail)> RunAsync(
        IReadOnlyList<byte[]> photos, SafeImageLoader loader, ColourSource colour)
    {
        var world = new PictureWorld();
        var firestore = new CountingFirestore(world.Firestore);
        var storage = new CountingStorage(world.Storage);
        var visionClient = new CountingVision();
        var publisher = new RecordingEventPublisher();
        var catalog = new PictureCatalog(firestore);
        var pictureStorage = new PictureStorage(storage);
        var intake = new PictureIntake(pictureStorage, world.Originals, world.Settings("intake"));
        var artifacts = new GenerationGuardedArtifacts(pictureStorage, world.Settings("thumbnail"));
        var analysis = new AnalysisHandler(intake, pictureStorage, catalog, visionClient, new VisionInputPreparer(loader, colour), loader, new ActivityAnnouncer(publisher, world.Settings("image-analysis")));
        var thumbnail = new ThumbnailHandler(intake, artifacts, pictureStorage, catalog, new ThumbnailRenderer(loader), loader, new ActivityAnnouncer(publisher, world.Settings("thumbnail")), world.Settings("thumbnail"));
        var events = photos.Select((photo, i) => world.Upload($"ledger/{i:D4}.jpg", photo)).ToList();

        var meter = new Meter(firestore, storage, visionClient, publisher);
        foreach (var uploaded in events)
        {
            await analysis.HandleAsync(uploaded, CancellationToken.None);
        }

        var analysed = meter.Take(events.Count);
        foreach (var uploaded in events)
        {
            await thumbnail.HandleAsync(uploaded, CancellationToken.None);
        }

        var thumbnailed = meter.Take(events.Count);
        foreach (var uploaded in events)
        {
            await analysis.HandleAsync(uploaded with { Id = uploaded.Id + "-again" }, CancellationToken.None);
        }

        var analysedAgain = meter.Take(events.Count);
        foreach (var uploaded in events)
        {
            await thumbnail.HandleAsync(uploaded with { Id = uploaded.Id + "-again" }, CancellationToken.None);
        }

        return (analysed, thumbnailed, analysedAgain, meter.Take(events.Count));
    }

    /// <summary>Differences of the counters (and of this process's CPU time) since the last reading, per picture.</summary>
    private sealed class Meter(CountingFirestore firestore, CountingStorage storage, CountingVision vision, RecordingEventPublisher publisher)
    {
        private ServiceUsage last = Now(firestore, storage, vision, publisher);

        public ServiceUsage Take(int pictures)
        {
            var now = Now(firestore, storage, vision, publisher);
            var spent = new ServiceUsage(
                (now.CpuSeconds - last.CpuSeconds) / pictures,
                (now.FirestoreReads - last.FirestoreReads) / pictures,
                (now.FirestoreWrites - last.FirestoreWrites) / pictures,
                (now.StorageClassA - last.StorageClassA) / pictures,
                (now.StorageClassB - last.StorageClassB) / pictures,
                (now.VisionRequests - last.VisionRequests) / pictures,
                (now.VisionUnits - last.VisionUnits) / pictures,
                (now.PublishedBytes - last.PublishedBytes) / pictures,
                (now.Publishes - last.Publishes) / pictures);
            last = now;
            return spent;
        }

        private static ServiceUsage Now(CountingFirestore firestore, CountingStorage storage, CountingVision vision, RecordingEventPublisher publisher)
        {
            using var self = Process.GetCurrentProcess();
            var published = publisher.Published.Select(p => PubSubBytes.Of(PubSubCloudEventEncoder.Encode(p.Event))).ToList();
            return new ServiceUsage(
                self.TotalProcessorTime.TotalSeconds,
                firestore.Reads,
                firestore.Writes + firestore.Deletes,
                storage.ClassA,
                storage.ClassB,
                vision.Requests,
                vision.FeatureUnits,
                published.Sum(),
                published.Count);
        }
    }
}
