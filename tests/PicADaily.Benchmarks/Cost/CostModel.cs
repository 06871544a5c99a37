using System.Globalization;
using PicADaily.Benchmarks.Report;
using PicADaily.Testing;

namespace PicADaily.Benchmarks.Cost;

/// <summary>One billed quantity per picture and its price.</summary>
internal sealed record CostLine(string Item, double PerPicture, double UnitPrice, string Basis)
{
    public double PerThousand => PerPicture * UnitPrice * 1000;
}

/// <summary>
/// P7: dollars per 1,000 pictures on Google Cloud, for the original Pic-a-Daily and for this design,
/// from quantities measured in this process (CPU seconds and every billed operation of the image
/// handlers, ImageMagick's CPU for the original thumbnail) and a few stated assumptions, priced by
/// <see cref="PriceList"/>. Fixed monthly costs (the collage schedule, idle instances) are not per
/// picture and are left out of both.
/// </summary>
internal static class CostModel
{
    public const string Reproduce = "`dotnet run -c Release --project tests/PicADaily.Benchmarks -- --p7 [pictures=20]`";

    // Assumptions, the same for both designs where they apply.
    private const double VisionWaitSeconds = 0.5; // instance time billed while Vision answers; not measured here
    private const double FrontendEventSeconds = 0.01; // the frontend's timeline handler per event; not measured here
    private const double PhotoMegabytes = 2.5; // a 12 MP phone JPEG, kept for a month (identical in both designs)

    public static async Task<ReportFigure> MeasureAsync(int pictures, TextWriter output)
    {
        var usage = await PipelineLedger.MeasureAsync(pictures);
        var convertCpu = await OriginalThumbnail.CpuSecondsAsync(TestImages.PhotoJpeg(4000, 3000, 7001), Math.Max(3, pictures / 4));
        var original = Original(convertCpu);
        var ours = Ours(usage);
        var originalTotal = original.Sum(l => l.PerThousand);
        var oursTotal = ours.Sum(l => l.PerThousand);
        var ratio = oursTotal / originalTotal;

        var details = new List<string>
        {
            Invariant($"Measured in this process on {pictures} distinct generated 4000×3000 JPEGs, one at a time: image-analysis {usage.Analysis.CpuSeconds:0.000} CPU-s, thumbnail {usage.Thumbnail.CpuSeconds:0.000} CPU-s per picture; a duplicate delivery {usage.DuplicateAnalysis.CpuSeconds:0.000} and {usage.DuplicateThumbnail.CpuSeconds:0.000} CPU-s, {usage.DuplicateAnalysis.VisionRequests:0.##} Vision requests."),
            Invariant($"Vision per new picture: {usage.Analysis.VisionRequests:0.##} request with {usage.Analysis.VisionUnits:0.##} features (Analysis:Colour=local); {usage.AnalysisWithVisionColour.VisionUnits:0.##} features with Analysis:Colour=vision."),
            Invariant($"Firestore per picture (image handlers): {usage.Analysis.FirestoreReads + usage.Thumbnail.FirestoreReads:0.##} reads, {usage.Analysis.FirestoreWrites + usage.Thumbnail.FirestoreWrites:0.##} writes; Storage: {usage.Analysis.StorageClassB + usage.Thumbnail.StorageClassB:0.##} class B, {usage.Analysis.StorageClassA + usage.Thumbnail.StorageClassA:0.##} class A; events published: {usage.Analysis.Publishes + usage.Thumbnail.Publishes:0.##} of {(usage.Analysis.PublishedBytes + usage.Thumbnail.PublishedBytes) / Math.Max(1, usage.Analysis.Publishes + usage.Thumbnail.Publishes):0} bytes each."),
            convertCpu is { } cpu ? Invariant($"Original thumbnail: ImageMagick `convert` (resize to cover, centre crop) on the same photo, {cpu:0.000} CPU-s (median of process runs).") : "Original thumbnail: ImageMagick not found; 0.28 CPU-s assumed (`convert` measured as a process on a 2-core machine like this one).",
            Invariant($"Assumed, not measured: {VisionWaitSeconds} s of instance time while Vision answers (both designs), {FrontendEventSeconds} s and one timeline write per event in the frontend (this design), each Pub/Sub request billed at its 1,000-byte minimum, filtered deliveries billed like delivered ones, {PhotoMegabytes} MB a photo stored for a month."),
            "This design, per picture (quantity × price → $ per 1,000 pictures):",
        };
        details.AddRange(ours.Select(Line));
        details.Add("The original design, per picture:");
        details.AddRange(original.Select(Line));
        details.Add($"Prices read on {PriceList.ReadOn}:");
        details.AddRange(PriceList.Table.Select(p => $"{p.Item}: {p.Price} ({p.Source})"));
        foreach (var line in details)
        {
            output.WriteLine("P7 " + line);
        }

        return new ReportFigure(
            "P7",
            "dollars per 1,000 pictures on Google Cloud (beyond free tiers)",
            Invariant($"${oursTotal:0.000}"),
            Invariant($"original design ${originalTotal:0.000}"),
            Invariant($"{ratio:0.00}"),
            "≤ 0.60",
            ratio <= 0.60,
            "– (counts are exact; CPU seconds vary with the machine)",
            Reproduce)
        {
            Details = details,
        };
    }

    private static List<CostLine> Ours(PipelineUsage usage)
    {
        var a = usage.Analysis;
        var t = usage.Thumbnail;
        const double gib = 1; // infra/gcp/lib.sh: image-analysis, thumbnail and frontend run with 1 GiB
        var analysisSeconds = a.CpuSeconds + VisionWaitSeconds;
        var frontendEvents = 1 + a.Publishes + t.Publishes; // the storage notification and each activity event
        var publishes = 1 + a.Publishes + t.Publishes;
        var deliveries = 4 + (2 * (a.Publishes + t.Publishes)); // picture-events has 4 subscriptions, picture-activity 2 (infra/topology.json)
        return
        [
            new("Cloud Run vCPU-seconds (image-analysis, thumbnail, frontend)", analysisSeconds + t.CpuSeconds + (frontendEvents * FrontendEventSeconds), PriceList.VcpuSecond, "measured CPU + assumed waits"),
            new("Cloud Run GiB-seconds", gib * (analysisSeconds + t.CpuSeconds + (frontendEvents * FrontendEventSeconds)), PriceList.GibSecond, "1 GiB instances"),
            new("Cloud Run requests", 2 + frontendEvents, PriceList.Request, "two image pushes, frontend pushes"),
            new("Pub/Sub bytes", (publishes + deliveries) * PubSubBytes.MinimumPerRequest, PriceList.PubSubByte, Invariant($"{publishes:0.#} publishes + {deliveries:0.#} deliveries")),
            new("Firestore reads", a.FirestoreReads + t.FirestoreReads, PriceList.FirestoreRead, "counted"),
            new("Firestore writes and deletes", a.FirestoreWrites + t.FirestoreWrites + frontendEvents, PriceList.FirestoreWrite, "counted + timeline entries"),
            new("Storage class A", 1 + a.StorageClassA + t.StorageClassA, PriceList.StorageClassA, "the upload + counted"),
            new("Storage class B", a.StorageClassB + t.StorageClassB, PriceList.StorageClassB, "counted"),
            new("Storage GB-month", PhotoMegabytes / 1000, PriceList.StorageGbMonth, "the photo, one month"),
            new("Vision billed units", a.VisionUnits - SafeSearchUnits(a), PriceList.VisionBilledUnit, "counted features; SafeSearch free with labels"),
        ];
    }

    private static List<CostLine> Original(double? convertCpu)
    {
        // The original (GoogleCloudPlatform/serverless-photosharing-workshop): image analysis is a Cloud Function (256 MiB) that passes gs:// to Vision with
        // three features and merges one document; the thumbnail service (1 GiB) downloads, converts,
        // uploads and merges the thumbnail flag; one notification published, pushed to the thumbnail service.
        var thumbnailSeconds = convertCpu ?? 0.28;
        return
        [
            new("Cloud Run vCPU-seconds (image analysis, thumbnails)", VisionWaitSeconds + thumbnailSeconds, PriceList.VcpuSecond, "Vision wait + ImageMagick"),
            new("Cloud Run GiB-seconds", (0.25 * VisionWaitSeconds) + thumbnailSeconds, PriceList.GibSecond, "256 MiB function, 1 GiB service"),
            new("Cloud Run requests", 2, PriceList.Request, "function trigger + thumbnail push"),
            new("Pub/Sub bytes", 2 * PubSubBytes.MinimumPerRequest, PriceList.PubSubByte, "1 publish + 1 delivery"),
            new("Firestore reads", 0, PriceList.FirestoreRead, "none per picture"),
            new("Firestore writes and deletes", 2, PriceList.FirestoreWrite, "analysis merge + thumbnail flag"),
            new("Storage class A", 2, PriceList.StorageClassA, "the upload + the thumbnail"),
            new("Storage class B", 2, PriceList.StorageClassB, "Vision's read + the thumbnail's download"),
            new("Storage GB-month", PhotoMegabytes / 1000, PriceList.StorageGbMonth, "the photo, one month"),
            new("Vision billed units", 2, PriceList.VisionBilledUnit, "labels + image properties; SafeSearch free with labels"),
        ];
    }

    // SafeSearch is free when labels are asked for on the same image: one unit per request is not billed.
    private static double SafeSearchUnits(ServiceUsage analysis) => analysis.VisionRequests;

    private static string Line(CostLine line) =>
        Invariant($"  {line.Item}: {line.PerPicture:0.####} × ${line.UnitPrice:G3} → ${line.PerThousand:0.0000} ({line.Basis})");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
