namespace PicADaily.Benchmarks.Cost;

/// <summary>
/// Google Cloud list prices in USD, beyond the free tiers (the cost of the next 1,000 pictures), as
/// read on 2026-11-27 from the pages cited. Change them here, in one place, when Google does.
/// </summary>
internal static class PriceList
{
    public const string ReadOn = "2026-11-27";

    public static IReadOnlyList<(string Item, string Price, string Source)> Table { get; } =
    [
        ("Cloud Run CPU, request-based billing, Tier 1", "$0.000024 per vCPU-second", "https://cloud.google.com/run/pricing"),
        ("Cloud Run memory, request-based billing, Tier 1", "$0.0000025 per GiB-second", "https://cloud.google.com/run/pricing"),
        ("Cloud Run requests", "$0.40 per million", "https://cloud.google.com/run/pricing"),
        ("Pub/Sub throughput (publish and each delivery)", "$40 per TiB, at least 1,000 bytes per publish or push request", "https://cloud.google.com/pubsub/pricing"),
        ("Firestore Standard, regional (US): document reads", "$0.03 per 100,000", "https://cloud.google.com/firestore/pricing (figures as quoted by https://airbyte.com/data-engineering-resources/google-firestore-pricing)"),
        ("Firestore Standard, regional (US): document writes", "$0.09 per 100,000", "same"),
        ("Firestore Standard, regional (US): document deletes", "$0.01 per 100,000 (not confirmed on a stored copy of the page)", "https://cloud.google.com/firestore/pricing"),
        ("Cloud Storage Standard, regional", "$0.020 per GB-month", "https://cloud.google.com/storage/pricing-examples"),
        ("Cloud Storage Class A operations (inserts)", "$0.005 per 1,000", "https://cloud.google.com/storage/pricing-examples"),
        ("Cloud Storage Class B operations (gets)", "$0.0004 per 1,000", "https://cloud.google.com/storage/pricing-examples"),
        ("Vision LABEL_DETECTION, units 1,001–5,000,000 a month", "$1.50 per 1,000 units", "https://cloud.google.com/vision/pricing"),
        ("Vision IMAGE_PROPERTIES, units 1,001–5,000,000 a month", "$1.50 per 1,000 units", "https://cloud.google.com/vision/pricing"),
        ("Vision SAFE_SEARCH_DETECTION", "free with LABEL_DETECTION on the same image, else $1.50 per 1,000 units", "https://cloud.google.com/vision/pricing"),
    ];

    public const double VcpuSecond = 0.000024;
    public const double GibSecond = 0.0000025;
    public const double Request = 0.40 / 1e6;
    public const double PubSubByte = 40.0 / (1L << 40);
    public const double FirestoreRead = 0.03 / 1e5;
    public const double FirestoreWrite = 0.09 / 1e5;
    public const double StorageGbMonth = 0.020;
    public const double StorageClassA = 0.005 / 1000;
    public const double StorageClassB = 0.0004 / 1000;
    public const double VisionBilledUnit = 1.50 / 1000;
}
