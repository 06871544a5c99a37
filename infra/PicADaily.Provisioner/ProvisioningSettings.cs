namespace PicADaily.Provisioner;

/// <summary>
/// What the topology file cannot know: where each service listens, which identity Pub/Sub pushes
/// as, the real bucket names, and which steps another tool already does.
/// </summary>
public sealed record ProvisioningSettings
{
    /// <summary>Base URL per service name (e.g. <c>image-analysis</c> → <c>http://image-analysis:8080</c>).</summary>
    public IReadOnlyDictionary<string, Uri> Endpoints { get; init; } = new Dictionary<string, Uri>();

    /// <summary>
    /// When set (Google Cloud), pushes carry an OIDC token of this service account, with the
    /// service's base URL as audience (what the service's <c>PUSH_AUTH_AUDIENCE</c> must say).
    /// </summary>
    public string? PushServiceAccount { get; init; }

    /// <summary>Real bucket name per declared one (bucket names are global on Google Cloud); unmapped names are used as they are.</summary>
    public IReadOnlyDictionary<string, string> Buckets { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Storage notification topic form: fake-gcs-server publishes only to the short form
    /// <c>projects/p/topics/t</c>; Cloud Storage documents <c>//pubsub.googleapis.com/projects/p/topics/t</c>.
    /// </summary>
    public bool ShortNotificationTopics { get; init; }

    /// <summary>
    /// Create subscriptions that never expire (Google Cloud deletes push subscriptions idle for 31
    /// days); off against emulators, which do not implement expiration policies.
    /// </summary>
    public bool NeverExpire { get; init; } = true;

    /// <summary>Skip buckets and notifications (no Storage endpoint given).</summary>
    public bool SkipStorage { get; init; }

    /// <summary>Skip bucket notifications (fake-gcs-server configured with its <c>-event.*</c> flags already publishes).</summary>
    public bool SkipNotifications { get; init; }

    /// <summary>Where new buckets are created on Google Cloud (null = the service default).</summary>
    public string? BucketLocation { get; init; }

    /// <summary>
    /// Replaces every subscription's declared minimum retry backoff (proto form, <c>"1s"</c>): locally,
    /// a failing service is retried in seconds instead of the declared production backoff.
    /// </summary>
    public string? MinimumBackoffOverride { get; init; }

    /// <summary>Replaces every subscription's declared maximum retry backoff, like <see cref="MinimumBackoffOverride"/>.</summary>
    public string? MaximumBackoffOverride { get; init; }

    /// <summary>The real name of a declared bucket.</summary>
    public string BucketName(string declared) => Buckets.TryGetValue(declared, out var real) ? real : declared;
}
