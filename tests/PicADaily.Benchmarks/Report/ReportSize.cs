namespace PicADaily.Benchmarks.Report;

/// <summary>
/// How much each part of <c>--report</c> measures. <see cref="Full"/> is the published one (about 15
/// minutes on 2 cores, most of it P2's 100 photos and P3's 50 uploads); <see cref="Quick"/> checks that
/// every part runs, in a few minutes, and its figures are not to be quoted.
/// </summary>
internal sealed record ReportSize(
    string Name,
    int ThumbnailRounds,
    int BulkPhotos,
    int LatencyUploads,
    int LoadUploads,
    int LoadWidth,
    int LoadHeight,
    int DeliveryMessages,
    int CatalogDocuments,
    int CatalogRounds,
    int CostPictures)
{
    public static ReportSize Full { get; } = new("full", 15, 100, 50, 8, 8000, 6000, 20_000, 100_000, 15, 20);

    public static ReportSize Quick { get; } = new("quick (smoke run: figures not to be quoted)", 3, 6, 4, 2, 4000, 3000, 2_000, 5_000, 3, 3);
}
