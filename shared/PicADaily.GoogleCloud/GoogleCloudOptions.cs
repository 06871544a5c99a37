using Microsoft.Extensions.Configuration;

namespace PicADaily.GoogleCloud;

/// <summary>
/// Where the Google APIs are and how hard to try. Read from the ecosystem's environment
/// conventions (<c>GOOGLE_CLOUD_PROJECT</c>, <c>*_EMULATOR_HOST</c>) so the same code runs on
/// LocalCloud, the official emulators and Google Cloud.
/// </summary>
public sealed record GoogleCloudOptions
{
    /// <summary>Configuration key of the project id.</summary>
    public const string ProjectKey = "GOOGLE_CLOUD_PROJECT";
    /// <summary>Configuration key of the Storage emulator (<c>host:port</c> or a full base URI).</summary>
    public const string StorageEmulatorKey = "STORAGE_EMULATOR_HOST";
    /// <summary>Configuration key of the Pub/Sub emulator (<c>host:port</c>).</summary>
    public const string PubSubEmulatorKey = "PUBSUB_EMULATOR_HOST";
    /// <summary>Configuration key of the Firestore emulator (<c>host:port</c>).</summary>
    public const string FirestoreEmulatorKey = "FIRESTORE_EMULATOR_HOST";
    /// <summary>Configuration key of the Vision stand-in (<c>host:port</c>; ours, same shape as the others).</summary>
    public const string VisionEmulatorKey = "VISION_EMULATOR_HOST";
    /// <summary>Configuration section for the less common settings (endpoints, retries, timeouts).</summary>
    public const string SectionName = "GoogleCloud";

    /// <summary>The Google Cloud project id; required by Pub/Sub and Firestore.</summary>
    public string? ProjectId { get; init; }

    /// <summary>Storage emulator, when set; otherwise Cloud Storage with Application Default Credentials.</summary>
    public string? StorageEmulatorHost { get; init; }

    /// <summary>Pub/Sub emulator, when set; otherwise <see cref="PubSubEndpoint"/> with a Google token.</summary>
    public string? PubSubEmulatorHost { get; init; }

    /// <summary>Firestore emulator, when set; otherwise <see cref="FirestoreEndpoint"/> with a Google token.</summary>
    public string? FirestoreEmulatorHost { get; init; }

    /// <summary>Vision stand-in, when set; otherwise <see cref="VisionEndpoint"/> with a Google token.</summary>
    public string? VisionEmulatorHost { get; init; }

    /// <summary>The real Pub/Sub endpoint (a regional one may be given instead).</summary>
    public Uri PubSubEndpoint { get; init; } = new("https://pubsub.googleapis.com/");

    /// <summary>The real Firestore endpoint.</summary>
    public Uri FirestoreEndpoint { get; init; } = new("https://firestore.googleapis.com/");

    /// <summary>The real Vision endpoint (e.g. <c>https://eu-vision.googleapis.com/</c> to keep data in the EU).</summary>
    public Uri VisionEndpoint { get; init; } = new("https://vision.googleapis.com/");

    /// <summary>How many times a retry-safe call is repeated after a transient failure.</summary>
    public int MaxRetryAttempts { get; init; } = 3;

    /// <summary>First backoff delay; it doubles per attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Limit on one HTTP attempt; a timeout counts as a transient failure.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reads the options: top-level keys <c>GOOGLE_CLOUD_PROJECT</c>, <c>STORAGE_EMULATOR_HOST</c>,
    /// <c>PUBSUB_EMULATOR_HOST</c>, <c>FIRESTORE_EMULATOR_HOST</c>, <c>VISION_EMULATOR_HOST</c>
    /// (environment variables land there), and the section <c>GoogleCloud</c> for
    /// <c>PubSubEndpoint</c>, <c>FirestoreEndpoint</c>, <c>VisionEndpoint</c>,
    /// <c>MaxRetryAttempts</c>, <c>RetryBaseDelay</c>, <c>AttemptTimeout</c>.
    /// </summary>
    public static GoogleCloudOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var defaults = new GoogleCloudOptions();
        return new GoogleCloudOptions
        {
            ProjectId = NullIfBlank(configuration[ProjectKey]),
            StorageEmulatorHost = NullIfBlank(configuration[StorageEmulatorKey]),
            PubSubEmulatorHost = NullIfBlank(configuration[PubSubEmulatorKey]),
            FirestoreEmulatorHost = NullIfBlank(configuration[FirestoreEmulatorKey]),
            VisionEmulatorHost = NullIfBlank(configuration[VisionEmulatorKey]),
            PubSubEndpoint = section.GetValue(nameof(PubSubEndpoint), defaults.PubSubEndpoint)!,
            FirestoreEndpoint = section.GetValue(nameof(FirestoreEndpoint), defaults.FirestoreEndpoint)!,
            VisionEndpoint = section.GetValue(nameof(VisionEndpoint), defaults.VisionEndpoint)!,
            MaxRetryAttempts = section.GetValue(nameof(MaxRetryAttempts), defaults.MaxRetryAttempts),
            RetryBaseDelay = section.GetValue(nameof(RetryBaseDelay), defaults.RetryBaseDelay),
            AttemptTimeout = section.GetValue(nameof(AttemptTimeout), defaults.AttemptTimeout),
        };
    }

    /// <summary>The project id, or a clear error when it is missing.</summary>
    public string RequireProjectId() =>
        ProjectId ?? throw new InvalidOperationException(
            $"No Google Cloud project id: set {ProjectKey} (any id works against an emulator).");

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
